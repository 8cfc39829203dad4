using Glasklar.Platform.Web;

namespace Glasklar.Platform.Tests.Web;

[Trait("Promise", "B9")]
public sealed class ListenPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://127.0.0.2:8080/")]
    public void Plain_http_on_loopback_is_allowed(string url) =>
        ListenPolicy.Check([url], httpsCertificateConfigured: false, behindTlsProxy: false).Allowed.ShouldBeTrue();

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:80")]
    [InlineData("http://192.0.2.10:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("http://glasklar.example.org")]
    public void Plain_http_elsewhere_is_refused_with_a_german_reason(string url)
    {
        var check = ListenPolicy.Check(["http://127.0.0.1:5080", url], httpsCertificateConfigured: false, behindTlsProxy: false);

        check.Allowed.ShouldBeFalse();
        check.Problem.ShouldNotBeNull().ShouldContain("Glasklar:BehindTlsProxy");
    }

    [Fact]
    public void Plain_http_elsewhere_is_allowed_behind_a_tls_proxy_or_with_a_certificate()
    {
        ListenPolicy.Check(["http://0.0.0.0:5080"], httpsCertificateConfigured: false, behindTlsProxy: true).Allowed.ShouldBeTrue();
        ListenPolicy.Check(["http://0.0.0.0:5080"], httpsCertificateConfigured: true, behindTlsProxy: false).Allowed.ShouldBeTrue();
    }

    [Fact]
    public void Https_without_a_certificate_is_refused() =>
        ListenPolicy.Check(["https://0.0.0.0:5443"], httpsCertificateConfigured: false, behindTlsProxy: false).Allowed.ShouldBeFalse();
}
