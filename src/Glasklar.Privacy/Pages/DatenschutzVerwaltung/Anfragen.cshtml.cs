using Glasklar.Platform.Accounts;
using Glasklar.Privacy.DataSubjects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Privacy.Pages.DatenschutzVerwaltung;

/// <summary>The DPO's work queue (X7): open requests by deadline (Art. 12(3): one month), then the closed ones.</summary>
[Authorize(Roles = Roles.DataProtectionOfficer)]
public sealed class AnfragenModel(ISubjectRequests requests, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SubjectRequestView> Requests { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public bool ShowClosed { get; private set; }

    public async Task OnGetAsync(bool alle, CancellationToken cancellationToken)
    {
        ShowClosed = alle;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Requests = await requests.QueueAsync(alle, cancellationToken);
    }

    /// <summary>Who the request is about, as briefly as the queue needs it.</summary>
    public static string SubjectSummary(DataSubject s)
    {
        var summary = s.Email ?? string.Join(", ", new[] { s.Surname, s.PolicyNumber, s.LicencePlate, s.Phone }.Where(v => v is not null));
        return summary.Length > 0 ? summary : s.UserId is { } id ? $"Konto {id:D}" : "—";
    }
}
