using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;

namespace Glasklar.Claims;

/// <summary>
/// Private customers belong to no organisation, so the tenant filter would hide every contract and claim
/// from them. This is the one named cross-tenant decision of the module: a customer reads rows of any
/// insurer, but every customer query in this module filters by the customer's own user id (ADR 0025).
/// </summary>
internal static class CustomerScope
{
    public const string Reason = "Kundenportal: eigene Verträge und Anträge";

    public static void Enter(DbSession session) => session.Tenant = TenantScope.AllTenants(Reason);
}
