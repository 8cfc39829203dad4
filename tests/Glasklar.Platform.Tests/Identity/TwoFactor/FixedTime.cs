namespace Glasklar.Platform.Tests.Identity.TwoFactor;

/// <summary>A clock the test sets, so TOTP windows are checked at exact instants.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public static FixedTime AtUnix(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public override DateTimeOffset GetUtcNow() => Now;
}
