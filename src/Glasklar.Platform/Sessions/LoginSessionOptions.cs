namespace Glasklar.Platform.Sessions;

/// <summary>Settings under <c>Glasklar:Sessions</c>.</summary>
public sealed class LoginSessionOptions
{
    public const string Section = "Glasklar:Sessions";

    /// <summary>The session cookie: __Host- prefix (Secure, Path=/, no Domain), HttpOnly, SameSite=Strict, no expiry.</summary>
    public const string CookieName = "__Host-glasklar";

    public int IdleMinutes { get; set; } = 20;

    public int AbsoluteHours { get; set; } = 8;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleMinutes);

    public TimeSpan AbsoluteTimeout => TimeSpan.FromHours(AbsoluteHours);
}
