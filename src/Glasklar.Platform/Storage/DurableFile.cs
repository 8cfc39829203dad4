using System.Runtime.InteropServices;

namespace Glasklar.Platform.Storage;

/// <summary>
/// Writes a new file and makes it durable (fsync) before returning, for files whose database row commits next.
/// On Linux the data goes straight from the aligned buffer to the disk (O_DIRECT), bypassing the page cache: a
/// buffered write of a megabyte copies it into fresh page-cache pages, which on the virtual machines measured
/// here cost ten times the CPU of the direct write (docs/performance.md). Elsewhere, or on file systems without
/// O_DIRECT (tmpfs), it falls back to a buffered write and fsync.
/// </summary>
public static partial class DurableFile
{
    private const int OWronly = 0x1, OCreat = 0x40, OExcl = 0x80, OCloexec = 0x80000;
    private const int Eintr = 4, Eexist = 17, Einval = 22;
    private const int UserReadWrite = 0x180; // 0600

    private static volatile bool s_directUnavailable = !OperatingSystem.IsLinux() || DirectFlag() == 0;

    /// <summary>Creates <paramref name="path"/> (an existing file is an error), writes the buffer's bytes and fsyncs.</summary>
    public static void WriteNew(string path, AlignedBuffer content)
    {
        if (!s_directUnavailable)
        {
            try
            {
                if (TryWriteDirect(path, content))
                {
                    return;
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_directUnavailable = true;
            }
        }

        WriteBuffered(path, content.Span);
    }

    private static unsafe bool TryWriteDirect(string path, AlignedBuffer content)
    {
        var fd = Open(path, OWronly | OCreat | OExcl | OCloexec | DirectFlag(), UserReadWrite);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Einval)
            {
                return false; // this file system does not take O_DIRECT (tmpfs); others may, so nothing is remembered
            }

            throw errno == Eexist ? new IOException($"Die Datei besteht bereits: {Path.GetFileName(path)}") : Failure("open", errno);
        }

        var complete = false;
        try
        {
            // Whole aligned blocks from an aligned buffer, then cut to the real length.
            var padded = (content.Length + AlignedBuffer.Alignment - 1) / AlignedBuffer.Alignment * AlignedBuffer.Alignment;
            long written = 0;
            while (written < padded)
            {
                var n = PWrite(fd, content.Pointer + written, (nuint)(padded - written), written);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Eintr)
                    {
                        continue;
                    }

                    throw Failure("pwrite", errno);
                }

                written += n;
            }

            if (FTruncate(fd, content.Length) != 0)
            {
                throw Failure("ftruncate", Marshal.GetLastPInvokeError());
            }

            if (FSync(fd) != 0)
            {
                throw Failure("fsync", Marshal.GetLastPInvokeError());
            }

            complete = true;
            return true;
        }
        finally
        {
            _ = Close(fd);
            if (!complete)
            {
                File.Delete(path);
            }
        }
    }

    private static void WriteBuffered(string path, ReadOnlySpan<byte> content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(path, options);
        try
        {
            using (file)
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }
        }
        catch
        {
            File.Delete(path); // ours: CreateNew made it
            throw;
        }
    }

    /// <summary>O_DIRECT differs between architectures; 0 where it is not known here.</summary>
    private static int DirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x4000,
        Architecture.Arm64 => 0x10000,
        _ => 0,
    };

    private static IOException Failure(string call, int errno) => new($"Die Datei konnte nicht geschrieben werden ({call}: {Marshal.GetPInvokeErrorMessage(errno)}).");

    [LibraryImport("libc.so.6", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc.so.6", EntryPoint = "pwrite", SetLastError = true)]
    private static unsafe partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc.so.6", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(int fd, long length);

    [LibraryImport("libc.so.6", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc.so.6", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
