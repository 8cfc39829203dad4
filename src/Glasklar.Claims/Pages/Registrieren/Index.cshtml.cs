using Glasklar.Claims.Registration;
using Glasklar.Platform.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Pages.Registrieren;

/// <summary>
/// Registration for customers (B6), step 1 of 2: name, e-mail, mobile number, password, two security
/// questions. Any error: the form comes back with German messages and nothing is stored. Step 2 sets up
/// the authenticator app; the e-mail link follows.
/// </summary>
internal sealed class IndexModel(RegistrationService registration, RegistrationCookie cookie, IOptions<RegistrationOptions> options) : PageModel
{
    public IReadOnlyList<string> Questions => options.Value.Questions;

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public string? GivenName { get; set; }

    [BindProperty]
    public string? FamilyName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? MobilePhone { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? PasswordRepeat { get; set; }

    [BindProperty]
    public int? Question1 { get; set; }

    [BindProperty]
    public string? Answer1 { get; set; }

    [BindProperty]
    public int? Question2 { get; set; }

    [BindProperty]
    public string? Answer2 { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect("/konto") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await registration.RegisterAsync(
            new RegistrationInput(GivenName, FamilyName, Email, MobilePhone, Password, PasswordRepeat, Question1, Answer1, Question2, Answer2), cancellationToken);
        if (!result.Accepted)
        {
            Errors = result.Errors;
            Password = PasswordRepeat = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        cookie.Write(Response, new PendingRegistration(result.UserId, result.Email!, TotpEnrolment.NewSecret()));
        return Redirect("/registrieren/app");
    }

    public string? FirstError(string field) => Errors.TryGetValue(field, out var messages) ? messages[0] : null;

    public string? DescribedBy(string field) => Errors.ContainsKey(field) ? $"fehler-{field}" : null;
}
