using System.Security.Cryptography;
using System.Text;
using Glasklar.Platform.Identity.ApiKeys;
using Glasklar.Platform.Identity.RecoveryCodes;
using Glasklar.Platform.Identity.TwoFactor;

namespace Glasklar.Platform.Identity.Demo;

/// <summary>
/// Reproducible secrets for the demo accounts, so <c>glasklar demo-users</c>, the README and the browser
/// tests can name the same password, TOTP secret and API key on every fresh database.
/// <para>
/// DEMO MODE ONLY (<c>Glasklar:Demo=true</c>). Every value is HMAC-SHA256(seed, purpose + role); the seed is
/// public (it is in the source), so anyone can compute these "secrets". Never use this for real accounts:
/// those get <see cref="Totp.GenerateSecret"/>, <see cref="ApiKeyCredential.Generate"/> and a password the
/// user chooses.
/// </para>
/// </summary>
internal sealed class DemoSecrets
{
    public const string DefaultSeed = "glasklar-demo-v1";

    private readonly byte[] _seed;

    public DemoSecrets(string seed = DefaultSeed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seed);
        _seed = Encoding.UTF8.GetBytes(seed);
    }

    /// <summary>
    /// A password like <c>Demo-7kq2-m9xd-3hvb-pw4e</c>: 24 characters, 80 derived bits, and it passes
    /// <see cref="Passwords.PasswordPolicy"/> like any real password must.
    /// </summary>
    public string Password(string role)
    {
        var bytes = Derive("password", role, 10);
        var encoded = new StringBuilder(16);
        var buffer = 0;
        var bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                encoded.Append(RecoveryCodeCredential.Alphabet[(buffer >> bits) & 31]);
            }
        }

        var text = encoded.ToString();
        return $"Demo-{text[..4]}-{text[4..8]}-{text[8..12]}-{text[12..16]}";
    }

    public byte[] TotpSecret(string role) => Derive("totp", role, Totp.SecretBytes);

    public string TotpSecretBase32(string role) => Base32.Encode(TotpSecret(role), padding: false);

    public GeneratedApiKey ApiKey(string role) =>
        ApiKeyCredential.FromRandomBytes(Derive("api-key-prefix", role, ApiKeyCredential.PrefixBytes), Derive("api-key-secret", role, ApiKeyCredential.SecretBytes));

    /// <summary>
    /// HMAC-SHA256 keyed with the seed over "purpose\0role\0counter"; blocks are concatenated when more than
    /// 32 bytes are needed. The purpose keeps a role's password, TOTP secret and key independent.
    /// </summary>
    private byte[] Derive(string purpose, string role, int length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        var output = new byte[length];
        var written = 0;
        for (var counter = 0; written < length; counter++)
        {
            var block = HMACSHA256.HashData(_seed, Encoding.UTF8.GetBytes($"{purpose}\0{role}\0{counter}"));
            var take = Math.Min(block.Length, length - written);
            block.AsSpan(0, take).CopyTo(output.AsSpan(written));
            written += take;
        }

        return output;
    }
}
