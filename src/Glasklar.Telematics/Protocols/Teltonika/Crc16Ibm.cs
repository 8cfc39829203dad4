namespace Glasklar.Telematics.Protocols.Teltonika;

/// <summary>CRC-16/IBM (also called CRC-16/ARC): polynomial 0x8005 reflected (0xA001), initial value 0, no final XOR.</summary>
internal static class Crc16Ibm
{
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        foreach (var b in data)
        {
            crc = (ushort)((crc >> 8) ^ Table[(crc ^ b) & 0xFF]);
        }

        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var value = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (ushort)((value >> 1) ^ 0xA001) : (ushort)(value >> 1);
            }

            table[i] = value;
        }

        return table;
    }
}
