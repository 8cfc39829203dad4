using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Terms;

/// <summary>
/// B8: until a customer has acknowledged the published version, the portal pages (<c>/kunde/…</c>) send
/// them to the acknowledgement page. Exempt are that page and the pages of the data-subject rights
/// (Meine Daten, closing the account, the settings with the objection to direct marketing): exercising a
/// GDPR right never depends on accepting new terms.
/// </summary>
internal sealed class TermsGatePageFilter(TermsService terms) : IAsyncPageFilter
{
    public const string AcknowledgePath = "/kunde/bedingungen";

    private static readonly string[] Exempt = [AcknowledgePath, "/kunde/meine-daten", "/kunde/konto-schliessen", "/kunde/einstellungen"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var path = http.Request.Path;
        if (path.StartsWithSegments("/kunde", StringComparison.OrdinalIgnoreCase)
            && !Exempt.Any(e => path.StartsWithSegments(e, StringComparison.OrdinalIgnoreCase))
            && http.User.IsInRole(Roles.Customer)
            && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            && !await terms.IsCurrentAsync(Guid.Parse(id), http.RequestAborted))
        {
            var back = path + http.Request.QueryString;
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult($"{AcknowledgePath}?returnUrl={Uri.EscapeDataString(back)}");
            return;
        }

        await next();
    }
}

/// <summary>
/// The same gate for the customer API: 403 with German problem details (<c>type</c>
/// <see cref="ProblemType"/>, <c>acknowledgeUrl</c>) until the published version is acknowledged.
/// </summary>
internal sealed class TermsGateEndpointFilter(TermsService terms) : IEndpointFilter
{
    public const string ProblemType = "https://glasklar.invalid/probleme/bedingungen-bestaetigen";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && !await terms.IsCurrentAsync(Guid.Parse(id), http.RequestAborted))
        {
            return TypedResults.Problem(
                title: "Bitte bestätigen Sie zuerst die neue Fassung der Nutzungsbedingungen und Datenschutzhinweise.",
                detail: "Seit Ihrer letzten Bestätigung hat sich die Fassung geändert. Sie können sie im Kundenportal lesen und bestätigen.",
                statusCode: StatusCodes.Status403Forbidden,
                type: ProblemType,
                extensions: new Dictionary<string, object?> { ["acknowledgeUrl"] = TermsGatePageFilter.AcknowledgePath });
        }

        return await next(context);
    }
}
