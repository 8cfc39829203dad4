using Glasklar.Claims.Contracts;
using Glasklar.Claims.Persistence;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Demo;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Claims.Demo;

/// <summary>
/// Demo contracts of the demo insurer (invented people). The first is linked to the demo customer
/// (kunde@demo.glasklar.example); the second waits to be linked in the portal with policy number
/// KV-2026-000102 and the policyholder's birth date 14.03.1981. Idempotent.
/// </summary>
internal sealed class DemoContracts(TimeProvider clock) : IDemoDataSeeder
{
    public const string Insurer = "00000000-0000-4000-8000-000000000005";
    public const string LinkedPolicy = "KV-2026-000101";
    public const string UnlinkedPolicy = "KV-2026-000102";
    public const string ThirdPolicy = "KV-2026-000103";
    public static readonly DateOnly UnlinkedPolicyholderBirthDate = new(1981, 3, 14);
    public static readonly DateOnly ThirdPolicyholderBirthDate = new(1969, 11, 2);

    /// <summary>The demo customer of the platform (DemoAccounts is internal to Platform).</summary>
    public const string DemoCustomerEmail = "kunde@demo.glasklar.example";

    public int Order => 50;

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Demo-Daten");
        var db = services.GetRequiredService<ClaimsDbContext>();
        var protector = services.GetRequiredService<ClaimsProtector>();
        var platform = services.GetRequiredService<PlatformDbContext>();
        if (await db.Contracts.AnyAsync(c => c.PolicyNumber == LinkedPolicy, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var insurer = Guid.Parse(Insurer);
        string Birth(DateOnly d) => protector.Protect(ClaimsProtector.BirthDate, ContractService.Format(d));

        var first = new InsuranceContract(Guid.NewGuid(), insurer, LinkedPolicy, Salutation.Herr, "Konrad", "Kunde", Birth(new DateOnly(1978, 6, 21)),
            "Ambulant 100 %, stationär Zweibettzimmer, Zahn 80 %, Arznei- und Hilfsmittel 100 %", now);
        first.AddInsured(Guid.NewGuid(), Salutation.Herr, "Konrad", "Kunde", new DateOnly(1978, 6, 21));
        first.AddInsured(Guid.NewGuid(), Salutation.Frau, "Kira", "Kunde", new DateOnly(2011, 9, 5));
        var customer = await platform.Users.Where(u => u.Email == User.NormaliseEmail(DemoCustomerEmail)).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        if (customer != Guid.Empty)
        {
            first.LinkTo(customer, now);
        }

        var second = new InsuranceContract(Guid.NewGuid(), insurer, UnlinkedPolicy, Salutation.Frau, "Rita", "Reisend", Birth(UnlinkedPolicyholderBirthDate),
            "Auslandsreise-Krankenversicherung: ambulant und stationär 100 %, Rücktransport", now);
        second.AddInsured(Guid.NewGuid(), Salutation.Frau, "Rita", "Reisend", UnlinkedPolicyholderBirthDate);

        var third = new InsuranceContract(Guid.NewGuid(), insurer, ThirdPolicy, Salutation.Divers, "Sascha", "Beispiel", Birth(ThirdPolicyholderBirthDate),
            "Ambulant 80 %, Zahn 50 %", now);
        third.AddInsured(Guid.NewGuid(), Salutation.Divers, "Sascha", "Beispiel", ThirdPolicyholderBirthDate);
        db.Contracts.AddRange(first, second, third);
        await db.SaveChangesAsync(cancellationToken);
    }
}
