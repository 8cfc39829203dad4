namespace Glasklar.Telematics.Persistence;

/// <summary>
/// The positions table, outside the EF model (hot path). Key (box, GPS time) makes every write
/// idempotent. On PostgreSQL it is range-partitioned by month on the GPS time, so retention drops whole
/// partitions (ADR 0020). Times are Unix milliseconds (UTC) on both providers.
/// </summary>
internal static class PositionTable
{
    public const string Table = "telematics_positions";

    /// <summary>Columns in write order (the SQLite insert and the PostgreSQL COPY use the same list).</summary>
    public const string Columns =
        "\"BoxId\", \"GpsTimeMs\", \"ReceivedMs\", \"Latitude\", \"Longitude\", \"Altitude\", \"Course\", \"SpeedKmh\", " +
        "\"Satellites\", \"Hdop\", \"Valid\", \"RoadType\", \"SpeedLimitKmh\", \"Unlimited\", \"AdvisoryKmh\", \"Attributes\"";

    public static string Name(bool postgres) => postgres ? $"telematics.{Table}" : Table;

    public static string CreateSql(bool postgres) => postgres
        ? $"""
          CREATE TABLE telematics.{Table} (
              "BoxId" uuid NOT NULL,
              "GpsTimeMs" bigint NOT NULL,
              "ReceivedMs" bigint NOT NULL,
              "Latitude" double precision NOT NULL,
              "Longitude" double precision NOT NULL,
              "Altitude" double precision NULL,
              "Course" double precision NULL,
              "SpeedKmh" double precision NOT NULL,
              "Satellites" integer NULL,
              "Hdop" double precision NULL,
              "Valid" boolean NOT NULL,
              "RoadType" text NULL,
              "SpeedLimitKmh" integer NULL,
              "Unlimited" boolean NOT NULL,
              "AdvisoryKmh" integer NULL,
              "Attributes" text NULL,
              CONSTRAINT "PK_{Table}" PRIMARY KEY ("BoxId", "GpsTimeMs")
          ) PARTITION BY RANGE ("GpsTimeMs");
          """
        : $"""
          CREATE TABLE {Table} (
              "BoxId" TEXT NOT NULL,
              "GpsTimeMs" INTEGER NOT NULL,
              "ReceivedMs" INTEGER NOT NULL,
              "Latitude" REAL NOT NULL,
              "Longitude" REAL NOT NULL,
              "Altitude" REAL NULL,
              "Course" REAL NULL,
              "SpeedKmh" REAL NOT NULL,
              "Satellites" INTEGER NULL,
              "Hdop" REAL NULL,
              "Valid" INTEGER NOT NULL,
              "RoadType" TEXT NULL,
              "SpeedLimitKmh" INTEGER NULL,
              "Unlimited" INTEGER NOT NULL,
              "AdvisoryKmh" INTEGER NULL,
              "Attributes" TEXT NULL,
              CONSTRAINT "PK_{Table}" PRIMARY KEY ("BoxId", "GpsTimeMs")
          ) WITHOUT ROWID;
          """;

    /// <summary>Name and bounds of the monthly partition holding <paramref name="gpsTimeMs"/>.</summary>
    public static (string Name, long FromMs, long ToMs) MonthPartition(long gpsTimeMs)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(gpsTimeMs);
        var from = new DateTimeOffset(time.Year, time.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddMonths(1);
        return ($"{Table}_p{from:yyyyMM}", from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
    }
}
