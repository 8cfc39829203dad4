using System.Diagnostics;
using Glasklar.Platform.Identity.TwoFactor;

namespace Glasklar.Platform.Tests.Identity.TwoFactor;

/// <summary>Cross-checks against an independent implementation (oathtool from OATH Toolkit) where installed.</summary>
[Trait("Promise", "B6")]
public sealed class OathtoolCrossCheckTests
{
    [Fact]
    public void Codes_match_oathtool_for_random_secrets_and_times()
    {
        var oathtool = new[] { "/usr/bin/oathtool", "/usr/local/bin/oathtool" }.FirstOrDefault(File.Exists);
        if (oathtool is null)
        {
            Assert.Skip("oathtool is not installed (apt-get install oathtool).");
        }

        var random = new Random(6238);
        for (var i = 0; i < 5; i++)
        {
            var secret = Totp.GenerateSecret();
            var base32 = Base32.Encode(secret, padding: false);
            var unix = random.NextInt64(0, 4_000_000_000L);
            var time = DateTimeOffset.FromUnixTimeSeconds(unix);

            var start = new ProcessStartInfo(oathtool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--totp", "-b", "--now", time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture), base32 })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());

            Totp.Code(secret, time).ShouldBe(output, $"secret {base32} at {unix}");
        }
    }
}
