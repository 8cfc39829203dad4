using System.Globalization;

namespace Glasklar.Telematics.Portal;

/// <summary>German display of coordinates, distances and durations on the portal pages.</summary>
internal static class Format
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static string Coordinates(double latitude, double longitude) =>
        string.Create(German, $"{latitude:0.00000}° N, {longitude:0.00000}° O");

    /// <summary>For geo: links (RFC 5870), which need the dot.</summary>
    public static string GeoUri(double latitude, double longitude) =>
        string.Create(CultureInfo.InvariantCulture, $"geo:{latitude:0.000000},{longitude:0.000000}");

    public static string Kilometres(double meters) => (meters / 1000).ToString("0.0", German) + " km";

    public static string Duration(TimeSpan duration) =>
        duration.TotalHours >= 1 ? $"{(int)duration.TotalHours} h {duration.Minutes} min" : $"{(int)Math.Round(duration.TotalMinutes)} min";

    public static string Time(DateTime utc) => utc.ToString("dd.MM.yyyy HH:mm:ss", German);

    public static string Volts(double volts) => volts.ToString("0.00", German) + " V";
}
