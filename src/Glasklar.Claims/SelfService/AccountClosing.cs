using Glasklar.Platform.Audit;
using Glasklar.Privacy.DataSubjects;

namespace Glasklar.Claims.SelfService;

/// <summary>What closing the account did: the erasure report, or German errors (nothing done then).</summary>
internal sealed record ClosingResult(ErasureReport? Report, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// B13, B14: the customer closes the account. It is an erasure request filed by the person themselves and
/// carried out at once by the privacy core across every module in one transaction: the account, its
/// sessions, consents, drafts, profile and unsettled claims are deleted; what a statutory period or a legal
/// hold keeps (settled claims as accounting documents, the audit trail) stays blocked and is reported.
/// The request record stays as proof of how the erasure was handled.
/// </summary>
internal sealed class AccountClosing(ISubjectRequests requests, AuditLog audit)
{
    public const string Details = "Konto im Kundenportal selbst geschlossen.";

    public async Task<ClosingResult> CloseAsync(Guid userId, string? ipAddress, CancellationToken cancellationToken)
    {
        var filed = await requests.FileAsync(new SubjectRequestFiling(SubjectRequestKind.Erasure, new DataSubject(UserId: userId), Details, userId, null,
            OnBehalf: false, IdentityConfirmed: true, IdentityCheck: null, IpAddress: ipAddress), cancellationToken);
        if (!filed.Succeeded)
        {
            return new ClosingResult(null, filed.Errors);
        }

        // Recorded before the erasure: the audit trail is kept (Art. 32), the entry then carries only the id.
        await audit.AppendAsync("claims.account-closed", userId, null, ipAddress,
            new Dictionary<string, string> { ["request"] = filed.Request!.Id.ToString("D") }, cancellationToken);
        var (result, report) = await requests.EraseAsync(filed.Request.Id, userId, cancellationToken);
        return new ClosingResult(report, result.Errors);
    }
}
