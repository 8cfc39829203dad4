using Glasklar.Telematics.Positions;
using Glasklar.Telematics.Trips;

namespace Glasklar.Telematics.Tests.Trips;

/// <summary>Trip start and end as the promise describes them (C2): standstill of more than one minute ends a trip.</summary>
[Trait("Promise", "C2")]
public sealed class TripDetectorTests
{
    private static readonly DateTime Start = new(2026, 5, 4, 7, 0, 0, DateTimeKind.Utc);
    private readonly TripDetector _detector = new(TimeSpan.FromMinutes(1), movingSpeedKmh: 6, minTripDistanceMeters: 200);
    private readonly TripState _state = new() { BoxId = Guid.NewGuid() };
    private readonly List<Trip> _trips = [];
    private DateTime _time = Start;
    private double _lat = 51.18;

    private void Drive(int seconds, double kmh = 50)
    {
        for (var i = 0; i < seconds; i++)
        {
            _time = _time.AddSeconds(1);
            _lat += kmh / 3.6 / 111_320; // northwards at that speed
            Feed(Fix(_time, _lat, kmh));
        }
    }

    private void Stand(int seconds, double jitterMeters = 0)
    {
        for (var i = 0; i < seconds; i++)
        {
            _time = _time.AddSeconds(1);
            var drift = jitterMeters * ((i % 2 == 0) ? 1 : -1) / 111_320;
            Feed(Fix(_time, _lat + drift, i % 5 == 0 ? 3 : 0));
        }
    }

    private void Feed(PositionRecord fix)
    {
        if (_detector.Apply(_state, fix) is { } trip)
        {
            _trips.Add(trip);
        }
    }

    private static PositionRecord Fix(DateTime time, double lat, double kmh, bool valid = true) =>
        new(time, lat, 13.42, 200, 0, 9, kmh, 0.8, valid, new Dictionary<string, object>());

    [Fact]
    public void A_50_second_stop_does_not_end_the_trip()
    {
        Drive(120);
        Stand(50);
        Drive(120);
        Stand(70);

        var trip = _trips.ShouldHaveSingleItem();
        trip.StartUtc.ShouldBe(Start.AddSeconds(1));
        trip.EndUtc.ShouldBe(Start.AddSeconds(120 + 50 + 120 + 1));
        trip.DistanceMeters.ShouldBe(239 * 50 / 3.6, 10); // 239 one-second steps after the first fix (haversine vs. flat degrees: 0.1 %)
        trip.MaxSpeedKmh.ShouldBe(50);
    }

    [Fact]
    public void A_70_second_stop_ends_the_trip_where_the_standstill_began()
    {
        Drive(120, kmh: 80);
        var stopLat = _lat;
        Stand(70);
        Drive(60);
        Stand(70);

        _trips.Count.ShouldBe(2);
        _trips[0].EndUtc.ShouldBe(Start.AddSeconds(121));
        _trips[0].EndLatitude.ShouldBe(stopLat, 1e-6);
        _trips[0].Duration.ShouldBe(TimeSpan.FromSeconds(120));
        _trips[0].MaxSpeedKmh.ShouldBe(80);
        _trips[1].StartUtc.ShouldBe(Start.AddSeconds(120 + 70 + 1));
        _state.Driving.ShouldBeFalse();
    }

    [Fact]
    public void Gps_drift_while_parked_creates_no_trip()
    {
        Stand(600, jitterMeters: 25);

        // Even a single spurious speed reading in the drift is no trip: too short.
        Feed(Fix(_time.AddSeconds(1), _lat + (30 / 111_320.0), 12));
        _time = _time.AddSeconds(1);
        Stand(120, jitterMeters: 25);

        _trips.ShouldBeEmpty();
        _state.Driving.ShouldBeFalse();
    }

    [Fact]
    public void Invalid_fixes_late_and_duplicate_records_are_not_used()
    {
        Drive(60);
        var before = _state.DistanceMeters;
        Feed(Fix(_time.AddSeconds(-30), _lat + 0.01, 120)); // late
        Feed(Fix(_time, _lat, 50));                          // duplicate time
        Feed(Fix(_time.AddSeconds(1), _lat + 0.05, 200, valid: false)); // invalid fix far away

        _state.DistanceMeters.ShouldBe(before);
        _state.MaxSpeedKmh.ShouldBe(50);
    }
}
