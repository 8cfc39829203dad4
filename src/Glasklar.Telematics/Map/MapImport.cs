using System.Diagnostics;
using Glasklar.Platform.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glasklar.Telematics.Map;

/// <summary><c>glasklar import-map FILE.osm|FILE.osm.gz</c>: builds the road index the server loads at start.</summary>
public static class MapImportCli
{
    public static int Run(string osmFile, IServiceProvider services, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(osmFile))
        {
            error.WriteLine($"Die Datei {osmFile} wurde nicht gefunden.");
            return 2;
        }

        var options = (TelematicsOptions)services.GetService(typeof(TelematicsOptions))!;
        var glasklar = ((IOptions<GlasklarOptions>)services.GetService(typeof(IOptions<GlasklarOptions>))!).Value;
        var watch = Stopwatch.StartNew();
        List<Road> roads;
        try
        {
            roads = OsmImporter.Read(osmFile);
        }
        catch (Exception e) when (e is System.Xml.XmlException or FormatException or InvalidDataException or ArgumentNullException)
        {
            error.WriteLine($"Die Datei ist kein lesbares OpenStreetMap-XML: {e.Message}");
            return 2;
        }

        var target = RoadMap.PathFor(options, glasklar.FullDataDirectory);
        RoadIndexFile.Write(target, roads);
        output.WriteLine($"Straßenindex mit {roads.Count} Straßen in {watch.ElapsedMilliseconds} ms nach {target} geschrieben. Er wird beim nächsten Start geladen.");
        return 0;
    }
}

/// <summary>Loads the road index (if one was imported) while the host starts.</summary>
internal sealed class RoadMapLoader(RoadMap map, TelematicsOptions options, IOptions<GlasklarOptions> glasklar, ILogger<RoadMapLoader> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = RoadMap.PathFor(options, glasklar.Value.FullDataDirectory);
        if (File.Exists(path))
        {
            var roads = RoadIndexFile.Read(path);
            map.Use(new RoadIndex(roads));
            logger.LogInformation("Telematik: Straßenindex mit {Count} Straßen geladen", roads.Count);
        }
        else
        {
            logger.LogInformation("Telematik: kein Straßenindex vorhanden; Positionen werden ohne Straßentyp und Tempolimit gespeichert (glasklar import-map)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
