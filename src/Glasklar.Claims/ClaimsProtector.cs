using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Glasklar.Claims;

/// <summary>
/// Encryption at rest for health data, bank details, receipts and the policyholder's birth date
/// (ASP.NET Core Data Protection, one purpose per kind of datum so a value cannot be moved between columns).
/// </summary>
internal sealed class ClaimsProtector(IDataProtectionProvider provider)
{
    public const string Health = "Glasklar.Claims.Health.v1";
    public const string Bank = "Glasklar.Claims.Bank.v1";
    public const string Receipt = "Glasklar.Claims.Receipt.v1";
    public const string BirthDate = "Glasklar.Claims.PolicyholderBirthDate.v1";
    public const string Draft = "Glasklar.Claims.Draft.v1";

    public string Protect(string purpose, string value) => provider.CreateProtector(purpose).Protect(value);

    public string Unprotect(string purpose, string value) => provider.CreateProtector(purpose).Unprotect(value);

    public byte[] ProtectBytes(string purpose, byte[] value) => provider.CreateProtector(purpose).Protect(value);

    public byte[] UnprotectBytes(string purpose, byte[] value) => provider.CreateProtector(purpose).Unprotect(value);

    public static string Utf8(byte[] value) => Encoding.UTF8.GetString(value);
}
