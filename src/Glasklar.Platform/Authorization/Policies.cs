using Glasklar.Platform.Accounts;

namespace Glasklar.Platform.Authorization;

/// <summary>
/// The named authorization policies modules use instead of listing roles themselves:
/// <c>[Authorize(Policy = Policies.AgencyStaff)]</c> on a page, <c>.RequireAuthorization(Policies.AuditReaders)</c>
/// on an endpoint, <c>Policies.ApiScope("…")</c> for machine clients. A role-group policy admits only
/// people with a server-side session (never an API key), so a key can never act as a role.
/// </summary>
public static class Policies
{
    /// <summary>Any person signed in with a session, whatever the role.</summary>
    public const string SignedIn = "angemeldet";

    /// <summary>Every role of an organisation (everyone but private customers).</summary>
    public const string OrganisationStaff = "organisation";

    public const string OperatorAdmins = "betreiber-administration";

    /// <summary>Datenschutzbeauftragte(r).</summary>
    public const string DataProtection = "datenschutz";

    /// <summary>Who may read the audit log (B11, X5): operator administration and the DPO, nobody else.</summary>
    public const string AuditReaders = "protokoll-lesen";

    /// <summary>Who manages their organisation's API keys: the administrators of agencies and workshops and the
    /// clerks of insurers and repair networks (these two kinds of organisation have no separate admin role).</summary>
    public const string ApiKeyAdmins = "api-schluessel-verwalten";

    public const string AgencyStaff = "agentur";

    public const string RepairNetworkStaff = "werkstattnetz";

    /// <summary>Insurer clerks and auditors (Prüfdienstleister).</summary>
    public const string InsurerStaff = "versicherer";

    public const string WorkshopStaff = "werkstatt";

    public const string AssistanceStaff = "assistance";

    public const string CustomerServiceStaff = "kundenservice";

    public const string Customers = "kunden";

    /// <summary>Prefix of the machine-client policies built by <see cref="ApiScope"/>.</summary>
    public const string ApiScopePrefix = "api-scope:";

    /// <summary>The policy for an API key with this scope (or the demo wildcard "*").</summary>
    public static string ApiScope(string scope) => ApiScopePrefix + scope;

    /// <summary>Which roles each role-group policy admits. Modules may add groups with AddRoleGroupPolicy.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RoleGroups = new Dictionary<string, IReadOnlyList<string>>
    {
        [SignedIn] = [.. Roles.All],
        [OrganisationStaff] = [.. Roles.All.Where(r => r != Roles.Customer)],
        [OperatorAdmins] = [Roles.OperatorAdmin],
        [DataProtection] = [Roles.DataProtectionOfficer],
        [AuditReaders] = [Roles.OperatorAdmin, Roles.DataProtectionOfficer],
        [ApiKeyAdmins] = [Roles.AgencyAdmin, Roles.WorkshopAdmin, Roles.InsurerClerk, Roles.RepairNetworkClerk],
        [AgencyStaff] = [Roles.AgencyAdmin, Roles.Agent],
        [RepairNetworkStaff] = [Roles.RepairNetworkClerk],
        [InsurerStaff] = [Roles.InsurerClerk, Roles.Auditor],
        [WorkshopStaff] = [Roles.WorkshopAdmin, Roles.WorkshopUser],
        [AssistanceStaff] = [Roles.AssistanceAgent],
        [CustomerServiceStaff] = [Roles.CustomerServiceAgent],
        [Customers] = [Roles.Customer],
    };
}
