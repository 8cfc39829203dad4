using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Privacy.DataSubjects;

/// <summary>
/// Downloads of the access report (X7, B14, A14): the signed-in person's own (<c>/konto/daten/auskunft.*</c>)
/// and, for the DPO, the report of a request's subject (<c>/datenschutz/anfragen/{id}/auskunft.*</c>).
/// JSON (also the portability format) and HTML stream; the PDF is built in memory.
/// </summary>
internal static class AccessReportEndpoints
{
    public static IEndpointRouteBuilder MapAccessReports(this IEndpointRouteBuilder endpoints)
    {
        var own = endpoints.MapGroup("/konto/daten").RequireAuthorization().WithTags("Datenschutz");
        own.MapGet("/auskunft.json", (HttpContext http, CancellationToken ct) => Own(http, ReportFormat.Json, ct))
            .WithSummary("Auskunft über die eigenen Daten (Art. 15) und Datenübertragbarkeit (Art. 20) als JSON.");
        own.MapGet("/auskunft.html", (HttpContext http, CancellationToken ct) => Own(http, ReportFormat.Html, ct))
            .WithSummary("Auskunft über die eigenen Daten als lesbare HTML-Seite.");
        own.MapGet("/auskunft.pdf", (HttpContext http, CancellationToken ct) => Own(http, ReportFormat.Pdf, ct))
            .WithSummary("Auskunft über die eigenen Daten als PDF.");

        var dpo = endpoints.MapGroup("/datenschutz/anfragen/{id:guid}").RequireAuthorization(p => p.RequireRole(Roles.DataProtectionOfficer)).WithTags("Datenschutz");
        dpo.MapGet("/auskunft.json", (Guid id, HttpContext http, CancellationToken ct) => ForRequest(id, http, ReportFormat.Json, ct))
            .WithSummary("Auskunft zu einer Betroffenenanfrage als JSON (nur Datenschutzbeauftragte).");
        dpo.MapGet("/auskunft.html", (Guid id, HttpContext http, CancellationToken ct) => ForRequest(id, http, ReportFormat.Html, ct))
            .WithSummary("Auskunft zu einer Betroffenenanfrage als HTML (nur Datenschutzbeauftragte).");
        dpo.MapGet("/auskunft.pdf", (Guid id, HttpContext http, CancellationToken ct) => ForRequest(id, http, ReportFormat.Pdf, ct))
            .WithSummary("Auskunft zu einer Betroffenenanfrage als PDF (nur Datenschutzbeauftragte).");
        return endpoints;
    }

    private static Task Own(HttpContext http, ReportFormat format, CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        return WriteAsync(http, new DataSubject(UserId: userId), format, "meine-daten", cancellationToken);
    }

    private static async Task ForRequest(Guid id, HttpContext http, ReportFormat format, CancellationToken cancellationToken)
    {
        var request = await http.RequestServices.GetRequiredService<ISubjectRequests>().FindAsync(id, cancellationToken);
        if (request is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await WriteAsync(http, request.Subject, format, $"auskunft-{id:N}", cancellationToken);
    }

    private static async Task WriteAsync(HttpContext http, DataSubject subject, ReportFormat format, string fileName, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;

        // Every module's data about this person, whatever organisation entered it.
        services.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Betroffenenauskunft");
        var reports = services.GetRequiredService<IAccessReports>();
        var actor = Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        await services.GetRequiredService<AuditLog>().AppendAsync("privacy.access-report", actor, null, http.ClientIp(),
            new Dictionary<string, string> { ["format"] = format.ToString().ToLowerInvariant(), ["own"] = (subject.UserId == actor).ToString() }, cancellationToken);

        var header = reports.Header(subject);
        var data = reports.CollectAsync(subject, cancellationToken);
        var response = http.Response;
        switch (format)
        {
            case ReportFormat.Json:
                response.ContentType = "application/json; charset=utf-8";
                response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.json\"";
                await AccessReportJson.WriteAsync(response.Body, header, data, cancellationToken);
                break;
            case ReportFormat.Html:
                response.ContentType = "text/html; charset=utf-8";
                await AccessReportHtml.WriteAsync(response.Body, header, data, cancellationToken);
                break;
            default:
                var (pdf, _) = await AccessReportPdf.CreateAsync(header, data, cancellationToken);
                response.ContentType = "application/pdf";
                response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.pdf\"";
                await response.Body.WriteAsync(pdf, cancellationToken);
                break;
        }
    }

    private enum ReportFormat
    {
        Json,
        Html,
        Pdf,
    }
}
