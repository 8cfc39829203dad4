using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages.Anmelden;

/// <summary>Login, step 2: the TOTP code. Each code works once; only then does a session start.</summary>
public sealed class CodeModel(AccountService accounts, PendingLoginCookie pending, LoginCompletion completion, RecoveryCodeService recoveryCodes) : PageModel
{
    public string? Error { get; private set; }

    public IActionResult OnGet() => pending.Read(Request) is null ? Redirect("/anmelden") : Page();

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        if (pending.Read(Request) is not { } login || await accounts.FindAsync(login.UserId, cancellationToken) is not { HasSecondFactor: true } user)
        {
            return Redirect("/anmelden");
        }

        var ip = HttpContext.ClientIp();
        // Six digits: the app's code. Anything longer: one of the recovery codes (xxxx-xxxx-xx).
        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        var result = digits.Length > 6 && !digits.All(char.IsAsciiDigit)
            ? await recoveryCodes.TryUseAsync(user, digits, cancellationToken) ? SecondFactorResult.Accepted : SecondFactorResult.Rejected
            : await accounts.CheckSecondFactorAsync(user, digits, ip, cancellationToken);
        if (result != SecondFactorResult.Accepted)
        {
            await completion.RecordFailureAsync(user, ip, result, cancellationToken);
            Error = result switch
            {
                SecondFactorResult.Replayed => "Dieser Code wurde bereits verwendet. Bitte warten Sie auf den nächsten Code.",
                SecondFactorResult.Throttled => "Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.",
                _ => "Der Code stimmt nicht. Bitte prüfen Sie die Uhrzeit Ihres Geräts und versuchen Sie es erneut.",
            };
            return Page();
        }

        await completion.CompleteAsync(HttpContext, user, cancellationToken);
        return LocalRedirect(login.ReturnUrl ?? "/konto");
    }
}
