using System.Net;
using Glasklar.Platform.Configuration;
using Glasklar.Platform.Web;

namespace Glasklar.Platform.Tests.Web;

public sealed class ForwardedHeadersTests
{
    [Fact]
    public void Only_configured_proxies_are_trusted_not_loopback_by_default()
    {
        var options = ForwardedHeadersSetup.Build(new GlasklarOptions { KnownProxies = ["10.1.2.3"] });

        options.KnownProxies.ShouldBe([IPAddress.Parse("10.1.2.3")]);
        options.KnownIPNetworks.ShouldBeEmpty();
    }

    [Fact]
    public void A_malformed_proxy_address_stops_the_start_with_a_german_message()
    {
        var error = Should.Throw<InvalidOperationException>(() => ForwardedHeadersSetup.Build(new GlasklarOptions { KnownProxies = ["proxy.local"] }));
        error.Message.ShouldContain("KnownProxies");
    }
}
