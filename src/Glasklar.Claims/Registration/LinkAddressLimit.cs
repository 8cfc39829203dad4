using System.Collections.Concurrent;

namespace Glasklar.Claims.Registration;

/// <summary>
/// Failed contract-link attempts per client IP address, across accounts (B6): someone with many accounts
/// must not get five guesses per account. Held in memory per node like the platform's login throttle, so
/// no IP address is stored; a restart or a second node gives an attacker at most a fresh allowance.
/// </summary>
internal sealed class LinkAddressLimit(TimeProvider clock)
{
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTime>> _failures = new();

    /// <summary>When the address may try again, or null when it is below <paramref name="limit"/> failures within the window.</summary>
    public DateTime? BlockedUntil(string address, int limit, TimeSpan window)
    {
        if (!_failures.TryGetValue(address, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            Expire(failures, clock.GetUtcNow().UtcDateTime - window);

            // The queue keeps the latest `limit` failures; the oldest of them leaving the window frees one attempt.
            return failures.Count >= limit ? failures.ElementAt(failures.Count - limit) + window : null;
        }
    }

    public void RecordFailure(string address, int limit, TimeSpan window)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_failures.Count > PruneThreshold)
        {
            Prune(now - window);
        }

        var failures = _failures.GetOrAdd(address, _ => new Queue<DateTime>());
        lock (failures)
        {
            failures.Enqueue(now);
            Expire(failures, now - window);
            while (failures.Count > limit)
            {
                failures.Dequeue();
            }
        }
    }

    private static void Expire(Queue<DateTime> failures, DateTime since)
    {
        while (failures.Count > 0 && failures.Peek() <= since)
        {
            failures.Dequeue();
        }
    }

    /// <summary>Addresses whose failures all left the window count for nothing; dropping them bounds memory.</summary>
    private void Prune(DateTime since)
    {
        foreach (var (address, failures) in _failures)
        {
            lock (failures)
            {
                if (failures.All(f => f <= since))
                {
                    _failures.TryRemove(address, out _);
                }
            }
        }
    }
}
