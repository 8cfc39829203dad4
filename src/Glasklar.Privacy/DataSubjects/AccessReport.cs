using System.Runtime.CompilerServices;
using Glasklar.Platform.Configuration;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Glasklar.Privacy.DataSubjects;

/// <summary>A datum of the report with the names behind its provenance ids, resolved from the platform.</summary>
public sealed record ReportedDatum(string Module, PersonalDatum Datum, string? EnteredByName, string? OrganisationName);

/// <summary>Header of an access report: who it is about, who answers, when.</summary>
public sealed record AccessReportHeader(DataSubject Subject, DateTimeOffset CreatedAt, string Controller, string DataProtectionOfficer, string DataProtectionOfficerEmail);

/// <summary>
/// Collects the access report (Art. 15, X7, A14) from every registered <see cref="IPersonalDataSource"/>,
/// streamed, and resolves who entered each datum (user and organisation names) from the platform.
/// </summary>
public interface IAccessReports
{
    AccessReportHeader Header(DataSubject subject);

    IAsyncEnumerable<ReportedDatum> CollectAsync(DataSubject subject, CancellationToken cancellationToken);
}

internal sealed class AccessReportCollector(IEnumerable<IPersonalDataSource> sources, IServiceScopeFactory scopes, IOptions<GlasklarOptions> options, TimeProvider clock)
    : IAccessReports
{
    public AccessReportHeader Header(DataSubject subject)
    {
        var o = options.Value;
        return new AccessReportHeader(subject, clock.GetUtcNow(), o.Operator.Name, o.DataProtectionOfficer.Name, o.DataProtectionOfficer.Email);
    }

    public async IAsyncEnumerable<ReportedDatum> CollectAsync(DataSubject subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Names come through a connection of their own: a source may be streaming rows on the scope's
        // connection while we look up, and PostgreSQL runs one command per connection at a time.
        await using var lookupScope = scopes.CreateAsyncScope();
        var platform = lookupScope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var users = new Dictionary<Guid, string?>();
        var organisations = new Dictionary<Guid, string?>();
        foreach (var source in sources)
        {
            await foreach (var datum in source.CollectAsync(subject, cancellationToken))
            {
                var provenance = datum.Provenance;
                string? user = null;
                string? organisation = null;
                if (provenance.EnteredByUserId is { } userId && !users.TryGetValue(userId, out user))
                {
                    user = await platform.Users.AsNoTracking().Where(u => u.Id == userId)
                        .Select(u => u.GivenName + " " + u.FamilyName).SingleOrDefaultAsync(cancellationToken) ?? "(Konto gelöscht)";
                    users[userId] = user;
                }

                if (provenance.EnteredByOrganisationId is { } orgId && !organisations.TryGetValue(orgId, out organisation))
                {
                    organisation = await platform.Organisations.AsNoTracking().Where(o => o.Id == orgId)
                        .Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) ?? "(Organisation gelöscht)";
                    organisations[orgId] = organisation;
                }

                yield return new ReportedDatum(source.Module, datum, user, organisation);
            }
        }
    }
}
