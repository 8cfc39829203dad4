using System.Globalization;
using System.Text;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Persistence;
using Glasklar.Referrals.Submission;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Referrals.Commission;

/// <summary>One line of the report: how many referrals of a mode ended how, and what they earn.</summary>
internal sealed record CommissionLine(string Mode, string Outcome, int Count, decimal Rate, decimal Amount);

internal sealed record CommissionStatement(Guid AgencyId, DateOnly Month, IReadOnlyList<CommissionLine> Lines)
{
    public int TotalCount => Lines.Sum(l => l.Count);

    public decimal TotalAmount => Lines.Sum(l => l.Amount);
}

/// <summary>
/// A10: every referral records agent, agency and time; the agency's commission (Provision) per month is counted
/// per mode and outcome from the live referrals plus the anonymous counts of referrals already deleted.
/// </summary>
internal sealed class CommissionReport(ReferralsDbContext db, IOptions<ReferralsOptions> options)
{
    public const string Erledigt = "erledigt";
    public const string Storniert = "storniert";
    public const string Offen = "in Bearbeitung";

    public static readonly IReadOnlyList<string> Outcomes = [Erledigt, Storniert, Offen];

    public static string OutcomeOf(ReferralStatus status) => status switch
    {
        ReferralStatus.Erledigt => Erledigt,
        ReferralStatus.Storniert => Storniert,
        _ => Offen,
    };

    public static string ModeName(ReferralMode mode) => mode == ReferralMode.Komplett ? "Komplettvermittlung" : "Schnellvermittlung";

    public decimal RateOf(string mode, string outcome)
    {
        var rates = options.Value.Commission;
        return (mode, outcome) switch
        {
            ("Komplettvermittlung", Erledigt) => rates.KomplettErledigt,
            ("Schnellvermittlung", Erledigt) => rates.SchnellErledigt,
            ("Komplettvermittlung", Storniert) => rates.KomplettStorniert,
            ("Schnellvermittlung", Storniert) => rates.SchnellStorniert,
            _ => rates.Offen,
        };
    }

    public async Task<CommissionStatement> ForMonthAsync(Caller caller, DateOnly month, CancellationToken cancellationToken)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var from = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = first.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var live = await db.Referrals.Where(r => r.OrganisationId == caller.OrganisationId && r.CreatedUtc >= from && r.CreatedUtc < to)
            .GroupBy(r => new { r.Mode, r.Status }).Select(g => new { g.Key.Mode, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var kept = await db.CommissionTallies.Where(t => t.OrganisationId == caller.OrganisationId && t.Month == first).ToListAsync(cancellationToken);
        var counts = new Dictionary<(string Mode, string Outcome), int>();
        foreach (var row in live)
        {
            var key = (ModeName(row.Mode), OutcomeOf(row.Status));
            counts[key] = counts.GetValueOrDefault(key) + row.Count;
        }

        foreach (var tally in kept)
        {
            var key = (tally.Mode, tally.Outcome);
            counts[key] = counts.GetValueOrDefault(key) + tally.Count;
        }

        var lines = new List<CommissionLine>();
        foreach (var mode in new[] { ModeName(ReferralMode.Komplett), ModeName(ReferralMode.Schnell) })
        {
            foreach (var outcome in Outcomes)
            {
                var count = counts.GetValueOrDefault((mode, outcome));
                var rate = RateOf(mode, outcome);
                lines.Add(new CommissionLine(mode, outcome, count, rate, count * rate));
            }
        }

        return new CommissionStatement(caller.OrganisationId, first, lines);
    }

    /// <summary>CSV for spreadsheets in Germany: semicolons, UTF-8 with BOM, decimal comma, thousands dot.</summary>
    public static byte[] ToCsv(CommissionStatement statement)
    {
        var de = CultureInfo.GetCultureInfo("de-DE");
        var text = new StringBuilder();
        text.Append("Monat;Vermittlungsart;Ergebnis;Anzahl;Satz (EUR);Provision (EUR)\r\n");
        var month = statement.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        foreach (var line in statement.Lines)
        {
            text.Append(month).Append(';').Append(line.Mode).Append(';').Append(line.Outcome).Append(';')
                .Append(line.Count.ToString(de)).Append(';').Append(line.Rate.ToString("N2", de)).Append(';')
                .Append(line.Amount.ToString("N2", de)).Append("\r\n");
        }

        text.Append(month).Append(";Summe;;").Append(statement.TotalCount.ToString(de)).Append(";;")
            .Append(statement.TotalAmount.ToString("N2", de)).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static DateOnly? ParseMonth(string? text, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return new DateOnly(now.Year, now.Month, 1);
        }

        return DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;
    }
}

internal static class CommissionEndpoints
{
    public const string CsvPath = "/vermittlung/provision.csv";

    public static IEndpointRouteBuilder MapCommissionCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(CsvPath, Csv).RequireAuthorization().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> Csv(string? monat, HttpContext http, CallerResolver callers, CommissionReport report, TimeProvider clock, CancellationToken ct)
    {
        if (await callers.ResolveAsync(http.User, ct) is not { CanSeeCommission: true } caller)
        {
            return TypedResults.Problem(title: "Sie haben keinen Zugriff auf diese Ressource.", detail: "Die Provisionsabrechnung sieht die Agentur-Administration.", statusCode: 403);
        }

        if (CommissionReport.ParseMonth(monat, clock) is not { } month)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["monat"] = ["Bitte geben Sie den Monat als JJJJ-MM an, z. B. 2026-12."] });
        }

        var statement = await report.ForMonthAsync(caller, month, ct);
        return TypedResults.File(CommissionReport.ToCsv(statement), "text/csv; charset=utf-8", $"provision-{month:yyyy-MM}.csv");
    }
}
