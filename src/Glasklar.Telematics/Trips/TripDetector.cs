using Glasklar.Telematics.Positions;

namespace Glasklar.Telematics.Trips;

/// <summary>
/// The trip state machine (C2). A trip starts with the first valid fix at moving speed after a stop and
/// ends once the vehicle has stood still for longer than the configured standstill (default: more than
/// one minute); its end is where and when the standstill began. Invalid fixes and late records (older
/// than the last fix used) are skipped, so duplicates and re-sent packets never count twice. A "trip"
/// shorter than the minimum distance is GPS drift while parked and is discarded.
/// </summary>
internal sealed class TripDetector(TimeSpan standstill, double movingSpeedKmh, double minTripDistanceMeters)
{
    public static TripDetector From(TelematicsOptions options) =>
        new(options.TripEndStandstill, options.MovingSpeedKmh, options.MinTripDistanceMeters);

    /// <summary>Applies one fix; returns the trip it finished, if any.</summary>
    public Trip? Apply(TripState state, PositionRecord fix)
    {
        if (!fix.Valid || (state.LastFixUtc is { } last && fix.GpsTimeUtc <= last))
        {
            return null;
        }

        var moving = fix.SpeedKmh >= movingSpeedKmh;
        Trip? finished = null;
        if (state.Driving)
        {
            // Distance counts while moving; drift of a standing vehicle does not add up.
            if (moving || state.LastSpeedKmh >= movingSpeedKmh)
            {
                state.DistanceMeters += Geo.DistanceMeters(state.LastLatitude, state.LastLongitude, fix.Latitude, fix.Longitude);
            }

            if (moving)
            {
                state.MaxSpeedKmh = Math.Max(state.MaxSpeedKmh, fix.SpeedKmh);
                state.LastMovingUtc = fix.GpsTimeUtc;
                state.StopSinceUtc = null;
            }
            else
            {
                if (state.StopSinceUtc is null)
                {
                    state.StopSinceUtc = fix.GpsTimeUtc;
                    state.StopLatitude = fix.Latitude;
                    state.StopLongitude = fix.Longitude;
                }

                if (fix.GpsTimeUtc - state.StopSinceUtc.Value > standstill)
                {
                    finished = Finish(state);
                }
            }
        }
        else if (moving)
        {
            state.Driving = true;
            state.TripStartUtc = fix.GpsTimeUtc;
            state.TripStartLatitude = fix.Latitude;
            state.TripStartLongitude = fix.Longitude;
            state.LastMovingUtc = fix.GpsTimeUtc;
            state.StopSinceUtc = null;
            state.DistanceMeters = 0;
            state.MaxSpeedKmh = fix.SpeedKmh;
        }

        state.LastFixUtc = fix.GpsTimeUtc;
        state.LastLatitude = fix.Latitude;
        state.LastLongitude = fix.Longitude;
        state.LastSpeedKmh = fix.SpeedKmh;
        return finished;
    }

    private Trip? Finish(TripState state)
    {
        var trip = new Trip
        {
            Id = Guid.NewGuid(),
            OrganisationId = state.OrganisationId,
            BoxId = state.BoxId,
            StartUtc = state.TripStartUtc!.Value,
            EndUtc = state.StopSinceUtc!.Value,
            StartLatitude = state.TripStartLatitude,
            StartLongitude = state.TripStartLongitude,
            EndLatitude = state.StopLatitude,
            EndLongitude = state.StopLongitude,
            DistanceMeters = Math.Round(state.DistanceMeters, 1),
            MaxSpeedKmh = state.MaxSpeedKmh,
        };
        state.Driving = false;
        state.TripStartUtc = null;
        state.LastMovingUtc = null;
        state.DistanceMeters = 0;
        state.MaxSpeedKmh = 0;
        return trip.DistanceMeters >= minTripDistanceMeters ? trip : null;
    }
}

internal static class Geo
{
    private const double EarthRadiusMeters = 6_371_008.8;

    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLon = double.DegreesToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
