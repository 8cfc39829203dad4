using System.IO.Compression;
using System.Text;

namespace Glasklar.Claims.Tests.Submission;

/// <summary>
/// Writes PDF 1.5 files the way modern producers do: objects compressed into a FlateDecode object stream
/// and a compressed cross-reference stream (with predictor and /ID) pointing at them. Tests use it to hide
/// things where a raw-byte search cannot see them.
/// </summary>
internal sealed class TestPdf
{
    private readonly List<(int Number, byte[] Body)> _objects = [];
    private readonly List<(int Number, string Body)> _compressed = [];

    /// <summary>The object stream's dictionary without /Length; {0} is /N, {1} is /First.</summary>
    public string ObjectStreamDictionary { get; init; } = "/Type /ObjStm /N {0} /First {1} /Filter /FlateDecode";

    /// <summary>How the object stream's data is encoded (default: zlib).</summary>
    public Func<byte[], byte[]> ObjectStreamEncoding { get; init; } = Deflate;

    /// <summary>A top-level object, written as is.</summary>
    public TestPdf Object(int number, string body) => Object(number, Ascii(body));

    public TestPdf Object(int number, byte[] body)
    {
        _objects.Add((number, body));
        return this;
    }

    /// <summary>A top-level stream object: <paramref name="dictionary"/> gets /Length added.</summary>
    public TestPdf Stream(int number, string dictionary, byte[] data) =>
        Object(number, [.. Ascii($"<< {dictionary} /Length {data.Length} >>\nstream\n"), .. data, .. Ascii("\nendstream")]);

    /// <summary>An object that goes into the object stream.</summary>
    public TestPdf Compressed(int number, string body)
    {
        _compressed.Add((number, body));
        return this;
    }

    public byte[] Build()
    {
        using var pdf = new MemoryStream();
        pdf.Write(Ascii("%PDF-1.7\n%"));
        pdf.Write([0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
        var offsets = new Dictionary<int, (int Type, long Field2, int Field3)>();
        var next = _objects.Select(o => o.Number).Concat(_compressed.Select(o => o.Number)).DefaultIfEmpty(0).Max() + 1;
        var objects = _objects.ToList();
        if (_compressed.Count > 0)
        {
            var stream = next++;
            var header = new StringBuilder();
            var bodies = new StringBuilder();
            for (var i = 0; i < _compressed.Count; i++)
            {
                header.Append($"{_compressed[i].Number} {bodies.Length} ");
                bodies.Append(_compressed[i].Body).Append('\n');
                offsets[_compressed[i].Number] = (2, stream, i);
            }

            var data = ObjectStreamEncoding(Ascii(header.ToString() + bodies));
            var dictionary = string.Format(System.Globalization.CultureInfo.InvariantCulture, ObjectStreamDictionary, _compressed.Count, header.Length);
            objects.Add((stream, [.. Ascii($"<< {dictionary} /Length {data.Length} >>\nstream\n"), .. data, .. Ascii("\nendstream")]));
        }

        foreach (var (number, body) in objects)
        {
            offsets[number] = (1, pdf.Position, 0);
            pdf.Write(Ascii($"{number} 0 obj\n"));
            pdf.Write(body);
            pdf.Write(Ascii("\nendobj\n"));
        }

        var xref = next;
        offsets[xref] = (1, pdf.Position, 0);
        var rows = new MemoryStream();
        for (var n = 0; n <= xref; n++)
        {
            var (type, f2, f3) = offsets.TryGetValue(n, out var o) ? o : (0, 0L, 65535);
            rows.WriteByte(0); // PNG predictor "None" for this row
            rows.WriteByte((byte)type);
            rows.Write([(byte)(f2 >> 24), (byte)(f2 >> 16), (byte)(f2 >> 8), (byte)f2]);
            rows.Write([(byte)(f3 >> 8), (byte)f3]);
        }

        var xrefData = Deflate(rows.ToArray());
        pdf.Write(Ascii($"{xref} 0 obj\n<< /Type /XRef /Size {xref + 1} /W [1 4 2] /Root 1 0 R "
            + "/ID [<0F1E2D3C4B5A69788796A5B4C3D2E1F0> <0F1E2D3C4B5A69788796A5B4C3D2E1F0>] "
            + $"/DecodeParms << /Columns 7 /Predictor 12 >> /Filter /FlateDecode /Length {xrefData.Length} >>\nstream\n"));
        pdf.Write(xrefData);
        pdf.Write(Ascii($"\nendstream\nendobj\nstartxref\n{offsets[xref].Field2}\n%%EOF\n"));
        return pdf.ToArray();
    }

    /// <summary>A catalog and an empty page tree, compressed: the start of most test files.</summary>
    public static TestPdf WithCatalog(string catalogExtra = "") => new TestPdf()
        .Compressed(1, $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>")
        .Compressed(2, "<< /Type /Pages /Kids [] /Count 0 >>");

    public static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A stream of <paramref name="size"/> zero bytes, deflated (about a thousandth of its size).</summary>
    public static byte[] DeflatedZeros(long size)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < size; written += zeros.Length)
            {
                zlib.Write(zeros, 0, (int)Math.Min(zeros.Length, size - written));
            }
        }

        return output.ToArray();
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
