using Glasklar.Platform.Demo;
using Glasklar.Platform.Persistence;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Persistence;
using Glasklar.Referrals.Submission;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Referrals.Privacy;

/// <summary>Two fictitious referrals per demo agency (only mandatory data, so no consent is needed). Idempotent.</summary>
internal sealed class DemoReferrals(TimeProvider clock) : IDemoDataSeeder
{
    // The demo agencies' fixed ids (Platform's demo organisations).
    private static readonly Guid AgencyNorth = new("00000000-0000-4000-8000-000000000002");
    private static readonly Guid AgencySouth = new("00000000-0000-4000-8000-000000000003");

    public int Order => 100;

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ReferralsDbContext>();
        var platform = services.GetRequiredService<PlatformDbContext>();
        var referrals = services.GetRequiredService<ReferralService>();
        var agents = await platform.Users.Where(u => u.Email == "agent-nord@demo.glasklar.example" || u.Email == "agent-sued@demo.glasklar.example")
            .Select(u => new { u.Id, u.OrganisationId }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var seeds = new (string Id, string Surname, string Plate, string Policy, ReferralMode Mode)[]
        {
            ("00000000-0000-4000-8000-00000000a001", "Musterfrau", "HH-MF 1", "DEMO100001", ReferralMode.Komplett),
            ("00000000-0000-4000-8000-00000000a002", "Beispiel", "HH-BS 22", "DEMO100002", ReferralMode.Schnell),
            ("00000000-0000-4000-8000-00000000a003", "Testmann", "M-TM 333", "DEMO200001", ReferralMode.Komplett),
            ("00000000-0000-4000-8000-00000000a004", "Probst", "M-PR 4444", "DEMO200002", ReferralMode.Schnell),
        };
        var existing = await db.Referrals.IgnoreQueryFilters().Select(r => r.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < seeds.Length; i++)
        {
            var (id, surname, plate, policy, mode) = seeds[i];
            var agency = i < 2 ? AgencyNorth : AgencySouth;
            var agent = agents.FirstOrDefault(a => a.OrganisationId == agency);
            if (agent is null || existing.Contains(Guid.Parse(id)))
            {
                continue;
            }

            db.Referrals.Add(new Referral(Guid.Parse(id), agency, agent.Id, mode, referrals.ServiceNumberOf(agency), now.AddMinutes(-10 * (i + 1)),
                new MandatoryData(surname, "+4930" + (1234560 + i), FieldRules.LicencePlate(plate).Value!, policy), OptionalData.None, null));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
