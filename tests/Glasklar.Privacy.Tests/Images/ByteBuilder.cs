using System.Buffers.Binary;

namespace Glasklar.Privacy.Tests.Images;

/// <summary>Tiny growable byte writer for the hand-built test images.</summary>
internal sealed class ByteBuilder
{
    private readonly MemoryStream _stream = new();

    internal int Length => (int)_stream.Length;

    internal ByteBuilder Bytes(params ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    internal ByteBuilder Ascii(string text) => Bytes(System.Text.Encoding.ASCII.GetBytes(text));

    internal ByteBuilder Utf8(string text) => Bytes(System.Text.Encoding.UTF8.GetBytes(text));

    internal ByteBuilder U16BE(int v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
        return Bytes(b);
    }

    internal ByteBuilder U32BE(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        return Bytes(b);
    }

    internal ByteBuilder U16LE(int v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
        return Bytes(b);
    }

    internal ByteBuilder U32LE(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return Bytes(b);
    }

    internal byte[] ToArray() => _stream.ToArray();

    internal static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
