using Glasklar.Platform.Demo;
using Glasklar.Platform.Identity.ApiKeys;
using Glasklar.Platform.Identity.Demo;
using Glasklar.Platform.Identity.TwoFactor;
using Glasklar.Platform.Organisations;

namespace Glasklar.Platform.Accounts;

/// <summary>
/// One demo user per role (two agents in two agencies, so tenant isolation can be seen), with
/// passwords, TOTP secrets and API keys derived deterministically from a fixed seed: the same on every
/// machine, so README and `glasklar demo-users` can list them. Demo mode only — never in production.
/// </summary>
internal static class DemoAccounts
{
    private static readonly DemoSecrets Secrets = new();

    public sealed record Definition(string Role, string Key, string GivenName, string FamilyName, Guid? OrganisationId, bool HasApiKey);

    private static readonly Guid Operator = DemoOrganisations.All[0].Id;
    private static readonly Guid AgencyNorth = DemoOrganisations.All[1].Id;
    private static readonly Guid AgencySouth = DemoOrganisations.All[2].Id;
    private static readonly Guid RepairNetwork = DemoOrganisations.All[3].Id;
    private static readonly Guid Insurer = DemoOrganisations.All[4].Id;
    private static readonly Guid Workshop = DemoOrganisations.All[5].Id;
    private static readonly Guid Assistance = DemoOrganisations.All[6].Id;
    private static readonly Guid CustomerService = DemoOrganisations.All[7].Id;

    public static readonly IReadOnlyList<Definition> All =
    [
        new(Roles.OperatorAdmin, "betreiber", "Olga", "Betrieb", Operator, false),
        new(Roles.DataProtectionOfficer, "datenschutz", "Dora", "Datenschutz", Operator, false),
        new(Roles.AgencyAdmin, "agentur-nord-admin", "Anton", "Nordmann", AgencyNorth, true),
        new(Roles.Agent, "agent-nord", "Alma", "Nordberg", AgencyNorth, false),
        new(Roles.Agent, "agent-sued", "Anja", "Südhoff", AgencySouth, false),
        new(Roles.RepairNetworkClerk, "glasnetz", "Gerd", "Glaser", RepairNetwork, true),
        new(Roles.InsurerClerk, "versicherer", "Vera", "Vogt", Insurer, true),
        new(Roles.Auditor, "pruefdienst", "Paul", "Prüfer", Insurer, false),
        new(Roles.WorkshopAdmin, "werkstatt-admin", "Wanda", "Werner", Workshop, true),
        new(Roles.WorkshopUser, "werkstatt", "Willi", "Werkmann", Workshop, false),
        new(Roles.AssistanceAgent, "assistance", "Aaron", "Hilfreich", Assistance, false),
        new(Roles.CustomerServiceAgent, "kundenservice", "Karla", "Service", CustomerService, false),
        new(Roles.Customer, "kunde", "Konrad", "Kunde", null, false),
    ];

    public static string Email(Definition d) => $"{d.Key}@demo.glasklar.example";

    /// <summary>The first demo user of a role (for tests and documentation).</summary>
    public static string EmailFor(string role) => Email(All.First(d => d.Role == role));

    // Keyed by the account key, not the role: two demo agents must not share credentials.
    public static string Password(Definition d) => Secrets.Password(d.Key);

    public static byte[] TotpSecret(Definition d) => Secrets.TotpSecret(d.Key);

    public static GeneratedApiKey? ApiKey(Definition d) => d.HasApiKey ? Secrets.ApiKey(d.Key) : null;

    public static IEnumerable<DemoAccount> List()
    {
        foreach (var d in All)
        {
            var organisation = d.OrganisationId is { } id ? DemoOrganisations.All.Single(o => o.Id == id).Name : "–";
            yield return new DemoAccount(d.Role, Email(d), Password(d), Base32.Encode(TotpSecret(d), padding: false), organisation, ApiKey(d)?.Key);
        }
    }
}

/// <summary>Lists the demo accounts for `glasklar demo-users` (deterministic, no database needed).</summary>
internal sealed class DemoAccountSource : IDemoAccountSource
{
    public IEnumerable<DemoAccount> GetDemoAccounts() => DemoAccounts.List();
}
