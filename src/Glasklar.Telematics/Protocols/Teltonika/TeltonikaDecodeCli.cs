using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Glasklar.Telematics.Protocols.Teltonika;

/// <summary><c>glasklar decode teltonika &lt;hex&gt;</c>: prints a whole AVL packet (preamble to CRC) as JSON.</summary>
public static class TeltonikaDecodeCli
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(string hex, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(hex);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var text = new string([.. hex.Where(c => !char.IsWhiteSpace(c))]);
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            error.WriteLine("Die Eingabe ist keine gültige Hex-Zeichenkette (gerade Anzahl von Zeichen 0-9, A-F).");
            return 2;
        }

        var frame = TeltonikaFrameDecoder.ReadAvl(bytes, int.MaxValue);
        if (frame.Status != FrameStatus.Complete || frame.Length != bytes.Length)
        {
            error.WriteLine(frame.Status switch
            {
                FrameStatus.Incomplete => "Das Paket ist unvollständig (Länge passt nicht zu den Bytes).",
                FrameStatus.Complete => "Nach dem Paket folgen weitere Bytes.",
                _ => "Kein gültiges AVL-Paket: Präambel, Länge oder CRC-16 stimmt nicht.",
            });
            return 2;
        }

        var packet = TeltonikaDecoder.Decode(bytes.AsSpan(frame.PayloadOffset, frame.PayloadLength), out var problem);
        if (packet is null)
        {
            error.WriteLine($"Das AVL-Paket ist fehlerhaft (Byte {problem!.Offset + 8}): {problem.Reason}.");
            return 2;
        }

        output.WriteLine(JsonSerializer.Serialize(Describe(packet), Json));
        return 0;
    }

    internal static object Describe(AvlPacket packet) => new
    {
        codec = packet.CodecName,
        records = packet.Records.Select(r => new
        {
            time = r.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            priority = r.Priority,
            latitude = r.Latitude,
            longitude = r.Longitude,
            altitude = r.Altitude,
            angle = r.Angle,
            satellites = r.Satellites,
            speedKmh = r.SpeedKmh,
            io = TeltonikaIo.Attributes(r),
        }),
    };
}
