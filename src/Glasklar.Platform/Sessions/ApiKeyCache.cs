using System.Collections.Concurrent;

namespace Glasklar.Platform.Sessions;

/// <summary>What the API-key check needs of a verified, active key; no secret, only its stored hash.</summary>
public sealed record VerifiedApiKey(Guid Id, Guid OrganisationId, string SecretHash, IReadOnlyList<string> Scopes, DateTime LoadedUtc);

/// <summary>
/// Keeps verified API keys for a few seconds so a busy machine client does not cost two queries per request
/// (issue 5 load target). Revocation on this node evicts at once; another node sees it after at most
/// <see cref="Lifetime"/> (ADR 0005). Only active keys of active organisations are ever cached.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock)
{
    /// <summary>How long a loaded key is trusted without asking the database again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, VerifiedApiKey> _byPrefix = new(StringComparer.Ordinal);

    public VerifiedApiKey? Find(string prefix)
    {
        if (!_byPrefix.TryGetValue(prefix, out var key))
        {
            return null;
        }

        if (clock.GetUtcNow().UtcDateTime - key.LoadedUtc < Lifetime)
        {
            return key;
        }

        _byPrefix.TryRemove(new KeyValuePair<string, VerifiedApiKey>(prefix, key));
        return null;
    }

    public void Remember(VerifiedApiKey key, string prefix) => _byPrefix[prefix] = key;

    /// <summary>Called when a key is revoked.</summary>
    public void Forget(string prefix) => _byPrefix.TryRemove(prefix, out _);
}
