using Glasklar.Platform.Accounts;
using Glasklar.Testing;

namespace Glasklar.Platform.Tests.Accounts;

public sealed class LoginThrottleTests
{
    [Fact]
    public void Five_failures_are_free_then_the_account_waits_longer_each_time()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure("a@example.org", "192.0.2.1");
        }

        throttle.RetryAfter("a@example.org", "192.0.2.1").ShouldBe(TimeSpan.Zero);
        throttle.RecordFailure("a@example.org", "192.0.2.1");
        var first = throttle.RetryAfter("a@example.org", "192.0.2.1");
        throttle.RecordFailure("a@example.org", "192.0.2.1");
        var second = throttle.RetryAfter("a@example.org", "192.0.2.1");

        first.ShouldBeGreaterThan(TimeSpan.Zero);
        second.ShouldBeGreaterThan(first);
        throttle.RetryAfter("b@example.org", "192.0.2.2").ShouldBe(TimeSpan.Zero); // others are not locked out
    }

    [Fact]
    public void Old_entries_are_dropped_so_random_names_cannot_grow_memory()
    {
        var clock = new ManualClock();
        var throttle = new LoginThrottle(clock);
        for (var i = 0; i < 100; i++)
        {
            throttle.RecordFailure($"zufall{i}@example.org", "192.0.2.9");
        }

        clock.Advance(TimeSpan.FromHours(2));
        throttle.Prune(clock.GetUtcNow().UtcDateTime);

        throttle.Count.ShouldBe(0);
    }
}
