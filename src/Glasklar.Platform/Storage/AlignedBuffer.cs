using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Glasklar.Platform.Storage;

/// <summary>
/// Native memory aligned to 4 KiB, from a pool: what <see cref="DurableFile"/> needs to write without the page
/// cache, and memory that is already mapped, so a megabyte upload does not fault in fresh pages each time.
/// The bytes are not cleared between uses; keep only ciphertext or public data in it, or clear it yourself.
/// </summary>
public sealed unsafe class AlignedBuffer : IDisposable
{
    public const int Alignment = 4096;
    private const int SmallestClass = 64 * 1024;
    private const int RetainedPerClass = 32;
    private static readonly ConcurrentDictionary<int, ConcurrentBag<IntPtr>> Pool = new();

    private byte* _pointer;

    private AlignedBuffer(byte* pointer, int capacity, int length)
    {
        _pointer = pointer;
        Capacity = capacity;
        Length = length;
    }

    /// <summary>The bytes asked for.</summary>
    public int Length { get; }

    /// <summary>At least <see cref="Length"/> rounded up to <see cref="Alignment"/>.</summary>
    public int Capacity { get; }

    public Span<byte> Span => new(Pointer, Length);

    internal byte* Pointer => _pointer is null ? throw new ObjectDisposedException(nameof(AlignedBuffer)) : _pointer;

    public static AlignedBuffer Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var capacity = (int)Math.Max(SmallestClass, BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, 1)));
        if (Pool.TryGetValue(capacity, out var bag) && bag.TryTake(out var reused))
        {
            return new AlignedBuffer((byte*)reused, capacity, length);
        }

        return new AlignedBuffer((byte*)NativeMemory.AlignedAlloc((nuint)capacity, Alignment), capacity, length);
    }

    public void Dispose()
    {
        var pointer = _pointer;
        if (pointer is null)
        {
            return;
        }

        _pointer = null;
        var bag = Pool.GetOrAdd(Capacity, _ => []);
        if (bag.Count < RetainedPerClass)
        {
            bag.Add((IntPtr)pointer);
        }
        else
        {
            NativeMemory.AlignedFree(pointer);
        }
    }
}
