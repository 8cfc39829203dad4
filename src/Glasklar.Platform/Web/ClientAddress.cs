using Microsoft.AspNetCore.Http;

namespace Glasklar.Platform.Web;

public static class ClientAddress
{
    /// <summary>The client's IP address as logged for B11/A11 (after trusted forwarded headers), or "unbekannt".</summary>
    public static string ClientIp(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unbekannt";
}
