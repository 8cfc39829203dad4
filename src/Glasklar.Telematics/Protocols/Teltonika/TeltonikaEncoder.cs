using System.Buffers.Binary;

namespace Glasklar.Telematics.Protocols.Teltonika;

/// <summary>
/// Writes what a Teltonika device sends (IMEI frame, AVL data packets) and what the server answers
/// (IMEI accept/refuse, record-count acknowledgement). Used by the server for its answers and by the
/// device simulator and the tests for the device side.
/// </summary>
internal static class TeltonikaEncoder
{
    public static readonly byte[] ImeiAccepted = [0x01];
    public static readonly byte[] ImeiRefused = [0x00];

    public static byte[] Imei(string imei)
    {
        var bytes = new byte[2 + imei.Length];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)imei.Length);
        for (var i = 0; i < imei.Length; i++)
        {
            bytes[2 + i] = (byte)imei[i];
        }

        return bytes;
    }

    public static byte[] Ack(int records)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, records);
        return bytes;
    }

    public static byte[] Packet(byte codec, IReadOnlyList<AvlRecord> records)
    {
        var extended = codec == AvlPacket.Codec8Extended;
        var data = new List<byte>(64 * records.Count) { codec, (byte)records.Count };
        foreach (var r in records)
        {
            Put(data, (ulong)r.Time.ToUnixTimeMilliseconds(), 8);
            data.Add(r.Priority);
            Put(data, (uint)(int)Math.Round(r.Longitude * 1e7), 4);
            Put(data, (uint)(int)Math.Round(r.Latitude * 1e7), 4);
            Put(data, (ushort)r.Altitude, 2);
            Put(data, r.Angle, 2);
            data.Add(r.Satellites);
            Put(data, r.SpeedKmh, 2);
            var width = extended ? 2 : 1;
            Put(data, r.EventIoId, width);
            Put(data, (ulong)r.Io.Length, width);
            foreach (var size in new byte[] { 1, 2, 4, 8 })
            {
                var group = r.Io.Where(e => e.Bytes is null && e.Size == size).ToList();
                Put(data, (ulong)group.Count, width);
                foreach (var e in group)
                {
                    Put(data, e.Id, width);
                    Put(data, (ulong)e.Value, size);
                }
            }

            if (extended)
            {
                var nx = r.Io.Where(e => e.Bytes is not null).ToList();
                Put(data, (ulong)nx.Count, 2);
                foreach (var e in nx)
                {
                    Put(data, e.Id, 2);
                    Put(data, (ulong)e.Bytes!.Length, 2);
                    data.AddRange(e.Bytes);
                }
            }
        }

        data.Add((byte)records.Count);
        var packet = new byte[8 + data.Count + 4];
        BinaryPrimitives.WriteInt32BigEndian(packet.AsSpan(4), data.Count);
        data.CopyTo(packet, 8);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8 + data.Count), Crc16Ibm.Compute(packet.AsSpan(8, data.Count)));
        return packet;
    }

    private static void Put(List<byte> data, ulong value, int size)
    {
        for (var shift = (size - 1) * 8; shift >= 0; shift -= 8)
        {
            data.Add((byte)(value >> shift));
        }
    }
}
