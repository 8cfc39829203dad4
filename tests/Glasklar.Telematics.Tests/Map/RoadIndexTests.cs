using Glasklar.Telematics.Map;
using Glasklar.Testing;

namespace Glasklar.Telematics.Tests.Map;

/// <summary>Map matching on the real OpenStreetMap extracts in ../shared/data/osm (never copied into the repository).</summary>
[Trait("Promise", "C4")]
public sealed class RoadIndexTests
{
    private static readonly Lazy<RoadIndex> Bayreuth = new(() => new RoadIndex(OsmImporter.Read(Osm("north-bayreuth.osm.gz"))));
    private static readonly Lazy<RoadIndex> Bautzen = new(() => new RoadIndex(OsmImporter.Read(Osm("bautzen.osm"))));

    private static string Osm(string name) => Path.Combine(RepositoryPaths.SharedData, "osm", name);

    [Fact]
    public void A_position_on_the_unlimited_motorway_north_of_bayreuth_gets_no_limit_advisory_130()
    {
        // Eastbound carriageway tagged maxspeed=none; the westbound one beside it is untagged (motorway default).
        var east = Bayreuth.Value.Match(50.0387448, 11.4859287, course: 76, speedKmh: 160).ShouldNotBeNull();
        var west = Bayreuth.Value.Match(50.0388455, 11.4858745, course: 256, speedKmh: 150).ShouldNotBeNull();

        east.RoadType.ShouldBe("motorway");
        east.Limit.Unlimited.ShouldBeTrue();
        east.Limit.Kmh.ShouldBeNull();
        east.Limit.AdvisoryKmh.ShouldBe(130);
        east.Limit.ToString().ShouldBe("kein Limit, Richtgeschwindigkeit 130");
        west.Limit.ShouldBe(SpeedLimit.None);
    }

    [Fact]
    public void The_a9_carriageways_side_by_side_are_told_apart_by_the_direction_of_travel()
    {
        // Southbound 100 km/h section and the northbound 120 km/h carriageway about 15 m apart.
        Bayreuth.Value.Match(50.0203165, 11.6040649, course: 181, speedKmh: 95)!.Limit.ShouldBe(SpeedLimit.Of(100));
        Bayreuth.Value.Match(50.0202139, 11.6042721, course: 1, speedKmh: 110)!.Limit.ShouldBe(SpeedLimit.Of(120));
        Bayreuth.Value.Match(50.0263982, 11.6054102, course: 190, speedKmh: 110)!.Limit.ShouldBe(SpeedLimit.Of(120));
    }

    [Fact]
    public void Bautzen_streets_get_their_numeric_limits()
    {
        var b96 = Bautzen.Value.Match(51.1878352, 14.4137911, course: 63, speedKmh: 45).ShouldNotBeNull();
        b96.RoadType.ShouldBe("primary");
        b96.Limit.ShouldBe(SpeedLimit.Of(50));
        Bautzen.Value.Match(51.1892038, 14.4122814, course: 234, speedKmh: 115)!.Limit.ShouldBe(SpeedLimit.Of(120));
        Bautzen.Value.Match(51.1896031, 14.4133743, course: 48, speedKmh: 75)!.Limit.ShouldBe(SpeedLimit.Of(80));
        Bautzen.Value.Match(51.1903143, 14.4113787, course: 56, speedKmh: 25)!.Limit.ShouldBe(SpeedLimit.Of(30));
    }

    [Fact]
    public void A_position_far_from_any_road_or_against_a_oneway_matches_nothing()
    {
        Bautzen.Value.Match(51.30, 14.60, course: 0, speedKmh: 50).ShouldBeNull();

        // Crossing the motorway at right angles (a bridge above it): not the motorway.
        Bayreuth.Value.Match(50.0387448, 11.4859287, course: 166, speedKmh: 120).ShouldBeNull();
    }

    [Fact]
    public void The_index_file_round_trips_the_roads()
    {
        var roads = OsmImporter.Read(Osm("bautzen.osm"));
        var path = Path.Combine(Path.GetTempPath(), $"glasklar-roads-{Guid.NewGuid():N}.idx");
        try
        {
            RoadIndexFile.Write(path, roads);
            var back = RoadIndexFile.Read(path);

            back.Count.ShouldBe(roads.Count);
            back.Select(r => (r.Highway, r.Oneway, r.Forward, r.Backward, r.Latitudes.Length)).ShouldBe(roads.Select(r => (r.Highway, r.Oneway, r.Forward, r.Backward, r.Latitudes.Length)));
            new RoadIndex(back).Match(51.1878352, 14.4137911, 63, 45)!.Limit.ShouldBe(SpeedLimit.Of(50));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
