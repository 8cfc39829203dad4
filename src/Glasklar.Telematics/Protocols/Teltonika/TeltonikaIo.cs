using Glasklar.Telematics.Positions;

namespace Glasklar.Telematics.Protocols.Teltonika;

/// <summary>
/// Maps Teltonika AVL IO ids (FMB/FMC families) to named attributes; every other element is kept as
/// <c>io&lt;id&gt;</c> with its raw value (hex for variable-length elements).
/// </summary>
internal static class TeltonikaIo
{
    public const ushort Ignition = 239;
    public const ushort Movement = 240;
    public const ushort GnssStatus = 69;
    public const ushort Pdop = 181;
    public const ushort Hdop = 182;
    public const ushort ExternalVoltage = 66;
    public const ushort BatteryVoltage = 67;
    public const ushort AxisX = 17;
    public const ushort AxisY = 18;
    public const ushort AxisZ = 19;

    public static Dictionary<string, object> Attributes(AvlRecord record)
    {
        var attributes = new Dictionary<string, object>(record.Io.Length + 1, StringComparer.Ordinal);
        if (record.EventIoId != 0)
        {
            attributes["event"] = (long)record.EventIoId;
        }

        foreach (var e in record.Io)
        {
            if (e.Bytes is not null)
            {
                attributes["io" + e.Id] = Convert.ToHexString(e.Bytes);
                continue;
            }

            switch (e.Id)
            {
                case Ignition: attributes["ignition"] = e.Value != 0; break;
                case Movement: attributes["movement"] = e.Value != 0; break;
                case GnssStatus: attributes["gnssStatus"] = e.Value; break;
                case Pdop: attributes["pdop"] = e.Value / 10.0; break;
                case Hdop: attributes["hdop"] = e.Value / 10.0; break;
                case ExternalVoltage: attributes["externalVoltage"] = e.Value / 1000.0; break;
                case BatteryVoltage: attributes["batteryVoltage"] = e.Value / 1000.0; break;

                // Axis values are signed milli-g in two bytes.
                case AxisX: attributes["axisX"] = (long)(short)e.Value; break;
                case AxisY: attributes["axisY"] = (long)(short)e.Value; break;
                case AxisZ: attributes["axisZ"] = (long)(short)e.Value; break;
                default: attributes["io" + e.Id] = e.Value; break;
            }
        }

        return attributes;
    }

    public static PositionRecord ToPosition(AvlRecord record)
    {
        var attributes = Attributes(record);
        double? hdop = attributes.TryGetValue("hdop", out var h) ? (double)h : null;
        var valid = record.Satellites >= PositionRecord.MinSatellites
            && (hdop is null || hdop <= PositionRecord.MaxHdop)
            && !(record.Latitude == 0 && record.Longitude == 0);
        return new PositionRecord(
            record.Time.UtcDateTime,
            record.Latitude,
            record.Longitude,
            record.Altitude,
            record.Angle,
            record.Satellites,
            record.SpeedKmh,
            hdop,
            valid,
            attributes);
    }
}
