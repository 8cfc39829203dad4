namespace Glasklar.Privacy.Images;

internal static class Bytes
{
    /// <summary>Prefix test for byte signatures written as numbers (u8 literals cannot hold bytes above 0x7F).</summary>
    internal static bool Starts(ReadOnlySpan<byte> data, params ReadOnlySpan<byte> prefix) => data.StartsWith(prefix);
}
