using Glasklar.Platform.Demo;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Platform.Organisations;

/// <summary>One demo organisation of each kind, two agencies so tenant isolation can be seen. Fixed ids.</summary>
internal sealed class DemoOrganisations(TimeProvider clock) : IDemoDataSeeder
{
    public static readonly IReadOnlyList<(Guid Id, string Name, OrganisationKind Kind)> All =
    [
        (new Guid("00000000-0000-4000-8000-000000000001"), "Demo-Betreiber", OrganisationKind.Operator),
        (new Guid("00000000-0000-4000-8000-000000000002"), "Agentur Nord (Demo)", OrganisationKind.Agency),
        (new Guid("00000000-0000-4000-8000-000000000003"), "Agentur Süd (Demo)", OrganisationKind.Agency),
        (new Guid("00000000-0000-4000-8000-000000000004"), "Glasnetz (Demo)", OrganisationKind.RepairNetwork),
        (new Guid("00000000-0000-4000-8000-000000000005"), "Versicherer (Demo)", OrganisationKind.Insurer),
        (new Guid("00000000-0000-4000-8000-000000000006"), "Werkstatt (Demo)", OrganisationKind.Workshop),
        (new Guid("00000000-0000-4000-8000-000000000007"), "Assistance (Demo)", OrganisationKind.AssistanceCompany),
        (new Guid("00000000-0000-4000-8000-000000000008"), "Kundenservice (Demo)", OrganisationKind.CustomerService),
    ];

    public int Order => 0;

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<PlatformDbContext>();
        var existing = await db.Organisations.Select(o => o.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (id, name, kind) in All.Where(o => !existing.Contains(o.Id)))
        {
            db.Organisations.Add(new Organisation(id, name, kind, now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
