using Glasklar.Platform.Organisations;

namespace Glasklar.Platform.Accounts;

/// <summary>The roles of the four portals. Stored as these strings; policies refer to them.</summary>
public static class Roles
{
    public const string OperatorAdmin = "operator-admin";

    /// <summary>Datenschutzbeauftragte(r).</summary>
    public const string DataProtectionOfficer = "dpo";

    public const string AgencyAdmin = "agency-admin";

    /// <summary>Versicherungsvermittler(in) who refers glass jobs.</summary>
    public const string Agent = "agent";

    public const string RepairNetworkClerk = "repair-network-clerk";

    public const string InsurerClerk = "insurer-clerk";

    /// <summary>Prüfdienstleister: audits invoices for an insurer.</summary>
    public const string Auditor = "auditor";

    public const string WorkshopAdmin = "workshop-admin";

    public const string WorkshopUser = "workshop-user";

    public const string AssistanceAgent = "assistance-agent";

    public const string CustomerServiceAgent = "customer-service-agent";

    /// <summary>Private customer (policyholder); belongs to no organisation.</summary>
    public const string Customer = "customer";

    /// <summary>Which kind of organisation a role lives in; null: private customers.</summary>
    public static readonly IReadOnlyDictionary<string, OrganisationKind?> OrganisationKindOf = new Dictionary<string, OrganisationKind?>
    {
        [OperatorAdmin] = OrganisationKind.Operator,
        [DataProtectionOfficer] = OrganisationKind.Operator,
        [AgencyAdmin] = OrganisationKind.Agency,
        [Agent] = OrganisationKind.Agency,
        [RepairNetworkClerk] = OrganisationKind.RepairNetwork,
        [InsurerClerk] = OrganisationKind.Insurer,
        [Auditor] = OrganisationKind.Insurer,
        [WorkshopAdmin] = OrganisationKind.Workshop,
        [WorkshopUser] = OrganisationKind.Workshop,
        [AssistanceAgent] = OrganisationKind.AssistanceCompany,
        [CustomerServiceAgent] = OrganisationKind.CustomerService,
        [Customer] = null,
    };

    public static IReadOnlyCollection<string> All => (IReadOnlyCollection<string>)OrganisationKindOf.Keys;

    /// <summary>German role names for the UI.</summary>
    public static string GermanName(string role) => role switch
    {
        OperatorAdmin => "Betreiber-Administration",
        DataProtectionOfficer => "Datenschutzbeauftragte(r)",
        AgencyAdmin => "Agentur-Administration",
        Agent => "Vermittler(in)",
        RepairNetworkClerk => "Sachbearbeitung Werkstattnetz",
        InsurerClerk => "Sachbearbeitung Versicherer",
        Auditor => "Prüfdienstleister",
        WorkshopAdmin => "Werkstatt-Administration",
        WorkshopUser => "Werkstatt-Mitarbeiter(in)",
        AssistanceAgent => "Assistance-Mitarbeiter(in)",
        CustomerServiceAgent => "Kundenservice",
        Customer => "Kunde/Kundin",
        _ => role,
    };
}
