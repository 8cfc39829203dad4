using System.Buffers.Binary;

namespace Glasklar.Privacy.Tests.Images;

/// <summary>Metadata payloads that photos carry in the wild, with recognisable secrets to search for afterwards.</summary>
internal static class TestMetadata
{
    internal const string XmpCity = "Musterstadt";
    internal const string XmpCreator = "Erika Musterfrau";
    internal const string ExtendedSecret = "Musterstrasse 42 Hinterhof";
    internal const string IptcByline = "Max Mustermann";
    internal const string IptcCity = "Beispielhausen";
    internal const string Comment = "Schaden aufgenommen von Max Mustermann";
    internal const string ExtendedGuid = "0123456789ABCDEF0123456789ABCDEF";

    /// <summary>Every string that must not survive sanitising.</summary>
    internal static readonly string[] Secrets =
    [
        TestExif.Make, TestExif.Model, TestExif.DateTime, TestExif.Artist, TestExif.Serial,
        XmpCity, XmpCreator, ExtendedSecret, IptcByline, IptcCity, Comment, "2024-05-17", "20240517",
    ];

    internal static string XmpPacket(bool announceExtended = false) =>
        "<?xpacket begin='\uFEFF' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        + "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        + "<rdf:Description rdf:about='' xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/' xmlns:dc='http://purl.org/dc/elements/1.1/'"
        + " xmlns:xmp='http://ns.adobe.com/xap/1.0/' xmlns:xmpNote='http://ns.adobe.com/xmp/note/'"
        + $" photoshop:City='{XmpCity}' xmp:CreateDate='2024-05-17T14:23:05'"
        + (announceExtended ? $" xmpNote:HasExtendedXMP='{ExtendedGuid}'" : string.Empty)
        + $"><dc:creator><rdf:Seq><rdf:li>{XmpCreator}</rdf:li></rdf:Seq></dc:creator></rdf:Description>"
        + "</rdf:RDF></x:xmpmeta><?xpacket end='w'?>";

    internal static byte[] XmpApp1Payload(bool announceExtended = false) =>
        new ByteBuilder().Ascii("http://ns.adobe.com/xap/1.0/\0").Utf8(XmpPacket(announceExtended)).ToArray();

    /// <summary>Extended XMP (XMP spec part 3): namespace, 32-char GUID, full length, offset, then a slice of the packet.</summary>
    internal static byte[] ExtendedXmpApp1Payload()
    {
        var extended = System.Text.Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
            + "<rdf:Description rdf:about='' xmlns:Iptc4xmpCore='http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/'"
            + $" Iptc4xmpCore:Location='{ExtendedSecret}'/></rdf:RDF></x:xmpmeta>");
        return new ByteBuilder().Ascii("http://ns.adobe.com/xmp/extension/\0").Ascii(ExtendedGuid)
            .U32BE((uint)extended.Length).U32BE(0).Bytes(extended).ToArray();
    }

    /// <summary>APP13 "Photoshop 3.0" with one 8BIM resource 0x0404 holding IIM records (by-line, city, date created).</summary>
    internal static byte[] PhotoshopIptcPayload()
    {
        var iim = new ByteBuilder()
            .Bytes(0x1C, 0x02, 0x00).U16BE(2).U16BE(4)
            .Bytes(0x1C, 0x02, 80).U16BE(IptcByline.Length).Ascii(IptcByline)
            .Bytes(0x1C, 0x02, 90).U16BE(IptcCity.Length).Ascii(IptcCity)
            .Bytes(0x1C, 0x02, 55).U16BE(8).Ascii("20240517")
            .ToArray();
        var builder = new ByteBuilder().Ascii("Photoshop 3.0\0").Ascii("8BIM").U16BE(0x0404).Bytes(0, 0)
            .U32BE((uint)iim.Length).Bytes(iim);
        if (iim.Length % 2 == 1)
        {
            builder.Bytes(0);
        }

        return builder.ToArray();
    }

    /// <summary>APP2 "MPF\0" with an MP index IFD (version, number of images), as phones write for depth/preview images.</summary>
    internal static byte[] MpfPayload() =>
        new ByteBuilder().Ascii("MPF\0").Ascii("II*\0").U32LE(8).U16LE(2)
            .U16LE(0xB000).U16LE(7).U32LE(4).Ascii("0100")
            .U16LE(0xB001).U16LE(4).U32LE(1).U32LE(2)
            .U32LE(0).ToArray();

    /// <summary>A syntactically valid ICC v2 header with an empty tag table; kept byte-identical by the sanitiser.</summary>
    internal static byte[] IccProfile()
    {
        var p = new byte[132];
        BinaryPrimitives.WriteUInt32BigEndian(p, (uint)p.Length);
        "none"u8.CopyTo(p.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(8), 0x02100000);
        "mntr"u8.CopyTo(p.AsSpan(12));
        "RGB "u8.CopyTo(p.AsSpan(16));
        "XYZ "u8.CopyTo(p.AsSpan(20));
        foreach (var (at, value) in new[] { (24, 2019), (26, 12), (28, 5), (30, 10), (32, 0), (34, 0) })
        {
            BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(at), (ushort)value); // profile creation date (of the profile, not the photo)
        }

        "acsp"u8.CopyTo(p.AsSpan(36));
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(64), 0); // rendering intent: perceptual
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(68), 0x0000F6D6); // D50 illuminant X
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(72), 0x00010000);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(76), 0x0000D32D);
        "GLAS"u8.CopyTo(p.AsSpan(80)); // profile creator; used to find the profile in the output
        return p;
    }

    internal static byte[] IccApp2Payload(byte[] profile) =>
        new ByteBuilder().Ascii("ICC_PROFILE\0").Bytes(1, 1).Bytes(profile).ToArray();
}
