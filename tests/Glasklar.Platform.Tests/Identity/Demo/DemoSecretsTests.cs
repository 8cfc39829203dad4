using System.Security.Cryptography;
using System.Text;
using Glasklar.Platform.Identity.ApiKeys;
using Glasklar.Platform.Identity.Demo;
using Glasklar.Platform.Identity.Passwords;
using Glasklar.Platform.Identity.TwoFactor;

namespace Glasklar.Platform.Tests.Identity.Demo;

public sealed class DemoSecretsTests
{
    private static readonly string[] Roles = ["operator-admin", "agent", "repair-network", "insurer", "workshop", "assistance", "customer-service", "customer"];

    [Fact]
    public void The_same_seed_and_role_give_the_same_secrets()
    {
        var a = new DemoSecrets("seed-1");
        var b = new DemoSecrets("seed-1");

        a.Password("agent").ShouldBe(b.Password("agent"));
        a.TotpSecret("agent").ShouldBe(b.TotpSecret("agent"));
        a.ApiKey("agent").ShouldBe(b.ApiKey("agent"));
    }

    [Fact]
    public void Roles_seeds_and_purposes_are_independent()
    {
        var demo = new DemoSecrets("seed-1");

        Roles.Select(demo.Password).Distinct().Count().ShouldBe(Roles.Length);
        Roles.Select(demo.TotpSecretBase32).Distinct().Count().ShouldBe(Roles.Length);
        Roles.Select(r => demo.ApiKey(r).Key).Distinct().Count().ShouldBe(Roles.Length);
        new DemoSecrets("seed-2").Password("agent").ShouldNotBe(demo.Password("agent"));
        // Purposes are separated: the API key's secret bytes do not start with the TOTP secret.
        Base32.TryDecode(demo.ApiKey("agent").Key.Split('_')[2], out var apiSecret).ShouldBeTrue();
        apiSecret[..20].ShouldNotBe(demo.TotpSecret("agent"));
    }

    [Fact]
    public void The_totp_secret_is_the_hmac_of_the_seed_over_purpose_and_role()
    {
        var expected = HMACSHA256.HashData("seed-1"u8, Encoding.UTF8.GetBytes("totp\0agent\00"))[..20];

        new DemoSecrets("seed-1").TotpSecret("agent").ShouldBe(expected);
        new DemoSecrets("seed-1").TotpSecretBase32("agent").ShouldBe(Base32.Encode(expected, padding: false));
    }

    [Fact]
    public void Demo_passwords_pass_the_password_policy()
    {
        var demo = new DemoSecrets();

        foreach (var role in Roles)
        {
            var password = demo.Password(role);
            password.ShouldMatch("^Demo-[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$");
            PasswordPolicy.Check(password).Violations.ShouldBeEmpty(password);
        }
    }

    [Fact]
    public void Demo_api_keys_are_well_formed_and_verify()
    {
        var key = new DemoSecrets().ApiKey("insurer");

        var parsed = ApiKeyCredential.Parse(key.Key);
        parsed.Ok.ShouldBeTrue();
        ApiKeyCredential.Verify(parsed.Key!, key.SecretHash).ShouldBeTrue();
    }

    [Fact]
    public void Demo_totp_secrets_work_with_the_validator()
    {
        var secret = new DemoSecrets().TotpSecret("agent");
        var clock = new TwoFactor.FixedTime(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

        new TotpValidator(clock).Verify(secret, Totp.Code(secret, clock.Now), null).Accepted.ShouldBeTrue();
    }
}
