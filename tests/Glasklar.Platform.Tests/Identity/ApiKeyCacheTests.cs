using Glasklar.Platform.Sessions;
using Glasklar.Testing;

namespace Glasklar.Platform.Tests.Identity;

/// <summary>A verified API key is trusted for a few seconds only, so a revocation on another node takes effect soon.</summary>
public sealed class ApiKeyCacheTests
{
    private static VerifiedApiKey Key(DateTime loaded) => new(Guid.NewGuid(), Guid.NewGuid(), "hash", ["referrals:write"], loaded);

    [Fact]
    public void A_key_is_served_from_the_cache_until_its_lifetime_has_passed()
    {
        var clock = new ManualClock();
        var cache = new ApiKeyCache(clock);
        var key = Key(clock.GetUtcNow().UtcDateTime);
        cache.Remember(key, "gk_abc");

        cache.Find("gk_abc").ShouldBe(key);
        clock.Advance(ApiKeyCache.Lifetime - TimeSpan.FromMilliseconds(1));
        cache.Find("gk_abc").ShouldBe(key);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        cache.Find("gk_abc").ShouldBeNull();
        cache.Find("gk_other").ShouldBeNull();
    }

    [Fact]
    public void Forgetting_a_revoked_key_takes_effect_at_once()
    {
        var clock = new ManualClock();
        var cache = new ApiKeyCache(clock);
        cache.Remember(Key(clock.GetUtcNow().UtcDateTime), "gk_abc");

        cache.Forget("gk_abc");

        cache.Find("gk_abc").ShouldBeNull();
    }
}
