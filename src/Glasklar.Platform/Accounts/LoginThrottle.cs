using System.Collections.Concurrent;

namespace Glasklar.Platform.Accounts;

/// <summary>
/// Brute-force protection without easy lock-out of others: failures are counted per account and per
/// IP address, and each key waits longer after each further failure (exponential back-off, capped).
/// A correct login resets the account's counter. In memory, per node: enough to make guessing slow.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    private const int FreeAttempts = 5;

    // Several people can share an address (office, mobile carrier NAT), so it gets more free attempts.
    private const int FreeAttemptsPerAddress = 20;
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTime LastFailureUtc)> _failures = new();

    /// <summary>How long the caller must still wait before a new attempt is even checked.</summary>
    public TimeSpan RetryAfter(string account, string ip)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var wait = TimeSpan.Zero;
        foreach (var key in Keys(account, ip))
        {
            var free = key.StartsWith("i:", StringComparison.Ordinal) ? FreeAttemptsPerAddress : FreeAttempts;
            if (_failures.TryGetValue(key, out var entry) && now - entry.LastFailureUtc < Forget && entry.Failures >= free)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(MaxWait.TotalSeconds, Math.Pow(2, entry.Failures - free + 1)));
                var remaining = entry.LastFailureUtc + delay - now;
                if (remaining > wait)
                {
                    wait = remaining;
                }
            }
        }

        return wait;
    }

    public void RecordFailure(string account, string ip)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_failures.Count > PruneThreshold)
        {
            Prune(now);
        }

        foreach (var key in Keys(account, ip))
        {
            _failures.AddOrUpdate(key, (1, now), (_, e) => (now - e.LastFailureUtc < Forget ? e.Failures + 1 : 1, now));
        }
    }

    /// <summary>Entries older than an hour count for nothing; dropping them keeps an attack with random names from growing memory.</summary>
    internal void Prune(DateTime now)
    {
        foreach (var (key, entry) in _failures)
        {
            if (now - entry.LastFailureUtc >= Forget)
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    internal int Count => _failures.Count;

    public void RecordSuccess(string account) => _failures.TryRemove("a:" + account, out _);

    private static IEnumerable<string> Keys(string account, string ip) => ["a:" + account.Trim().ToLowerInvariant(), "i:" + ip];
}
