using Glasklar.Claims.Submission;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Mail;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Messages;

/// <summary>
/// E-mails of claim processing (B7): only the fixed notice that something new waits in the portal, with a
/// link to the overview page. No claim number, no name, no health data, no amount, no message text.
/// </summary>
internal sealed class PortalNotices(PlatformDbContext platform, IMailSender mail, PortalLinks links)
{
    public const string CustomerPage = "/kunde/antraege";
    public const string ClerkPage = "/leistung/eingang";

    public async Task ToCustomerAsync(Claim claim, CancellationToken cancellationToken)
    {
        var to = await platform.Users.Where(u => u.Id == claim.CustomerUserId && u.IsActive).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (to is not null)
        {
            await mail.SendAsync(MailTexts.NewInPortal(to, links.To(CustomerPage)), cancellationToken);
        }
    }

    public async Task ToClerksAsync(Claim claim, CancellationToken cancellationToken)
    {
        var recipients = await platform.Users
            .Where(u => u.IsActive && u.OrganisationId == claim.OrganisationId && u.Roles.Any(r => r.Role == Roles.InsurerClerk))
            .Select(u => u.Email).ToListAsync(cancellationToken);
        foreach (var to in recipients)
        {
            await mail.SendAsync(MailTexts.NewInPortal(to, links.To(ClerkPage)), cancellationToken);
        }
    }
}
