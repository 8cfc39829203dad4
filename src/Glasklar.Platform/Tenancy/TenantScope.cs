namespace Glasklar.Platform.Tenancy;

/// <summary>A row that belongs to one organisation. Module contexts filter these centrally.</summary>
public interface ITenantOwned
{
    Guid OrganisationId { get; }
}

/// <summary>
/// Whose rows the current scope may see. Set once per request from the signed-in user; anonymous
/// scopes see no tenant-owned row at all. Cross-tenant access is an explicit, named decision
/// (a policy such as the repair network's inbox, or a system job), never a forgotten filter.
/// </summary>
public sealed record TenantScope(Guid OrganisationId, bool CrossTenant, string Reason)
{
    public static readonly TenantScope Nobody = new(Guid.Empty, false, "anonym");

    public static TenantScope For(Guid organisationId) => new(organisationId, false, "eigene Organisation");

    /// <summary>For system work (migrations, retention, demo seeding) and named policies only.</summary>
    public static TenantScope AllTenants(string reason) => new(Guid.Empty, true, reason);
}
