namespace Glasklar.Platform.AccessLog;

/// <summary>
/// Technical usage data per request (A11): IP address, time, browser, path without query string,
/// status. Kept apart from the audit log, only for fault and abuse detection, deleted after 7 days.
/// </summary>
public sealed class AccessLogEntry
{
    private AccessLogEntry()
    {
        IpAddress = "";
        UserAgent = "";
        Path = "";
    }

    public AccessLogEntry(DateTime occurredUtc, string ipAddress, string userAgent, string path, int status)
    {
        OccurredUtc = occurredUtc;
        IpAddress = ipAddress;
        UserAgent = userAgent.Length > UserAgentMaxLength ? userAgent[..UserAgentMaxLength] : userAgent;
        Path = path.Length > PathMaxLength ? path[..PathMaxLength] : path;
        Status = status;
    }

    public long Id { get; private set; }

    public DateTime OccurredUtc { get; private set; }

    public string IpAddress { get; private set; }

    public string UserAgent { get; private set; }

    public string Path { get; private set; }

    public int Status { get; private set; }

    public const int UserAgentMaxLength = 300;
    public const int PathMaxLength = 300;
}

/// <summary>Anonymous usage statistics (B10): request counts per hour and area, no identifiers.</summary>
public sealed class UsageStatistic
{
    private UsageStatistic()
    {
        Area = "";
    }

    public UsageStatistic(DateTime hourUtc, string area, int requests)
    {
        HourUtc = hourUtc;
        Area = area;
        Requests = requests;
    }

    public DateTime HourUtc { get; private set; }

    public string Area { get; private set; }

    public int Requests { get; private set; }

    public void Add(int requests) => Requests += requests;
}
