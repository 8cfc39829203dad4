using System.Globalization;
using Glasklar.Claims.Contracts;
using Glasklar.Claims.Persistence;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Mail;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Marketing;

public sealed record OfferView(string Id, string Title, string Text);

/// <summary>
/// B4: offers for one customer, selected from the catalogue by <see cref="OfferProfile"/> alone; none at all
/// once the customer has objected to direct marketing. The profile is built from the account (verified
/// e-mail), the linked contract (insurance status, the policyholder's age) and the UI language — never from
/// claims, items, receipts or amounts.
/// </summary>
internal sealed class OfferService(
    ClaimsDbContext db, PlatformDbContext platform, DbSession session, ClaimsProtector protector, MarketingObjection objection,
    IOptionsSnapshot<OfferOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<OfferView>> ForCustomerAsync(Guid userId, string language, CancellationToken cancellationToken)
    {
        if (await objection.IsObjectedAsync(userId, cancellationToken))
        {
            return [];
        }

        var profile = await ProfileAsync(userId, language, cancellationToken);
        return profile is null ? [] : Select(options.Value.Effective, profile);
    }

    /// <summary>The pure selection: what the catalogue offers to this profile.</summary>
    public static IReadOnlyList<OfferView> Select(IEnumerable<Offer> catalogue, OfferProfile profile) =>
        [.. catalogue.Where(profile.Matches).Select(o => new OfferView(o.Id, o.Title, o.Text))];

    public async Task<OfferProfile?> ProfileAsync(Guid userId, string language, CancellationToken cancellationToken)
    {
        CustomerScope.Enter(session);
        var verified = await platform.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive).Select(u => (bool?)(u.EmailVerifiedUtc != null))
            .SingleOrDefaultAsync(cancellationToken);
        if (verified is null)
        {
            return null;
        }

        var birthDate = await db.Contracts.AsNoTracking().Where(c => c.LinkedUserId == userId).OrderBy(c => c.LinkedUtc)
            .Select(c => c.PolicyholderBirthDateProtected).FirstOrDefaultAsync(cancellationToken);
        int? age = birthDate is null ? null : Age(DateOnly.ParseExact(protector.Unprotect(ClaimsProtector.BirthDate, birthDate), "yyyy-MM-dd", CultureInfo.InvariantCulture));

        // Missing documents: the clerks' document requests are not part of this module yet, so no customer has any.
        return new OfferProfile(State: null, Age: age, Group: null, Language: language, Nationality: null,
            Insured: birthDate is not null, EmailVerified: verified.Value, MissingDocuments: false);
    }

    private int Age(DateOnly birthDate)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var age = today.Year - birthDate.Year;
        return birthDate.AddYears(age) > today ? age - 1 : age;
    }
}

/// <summary>
/// The operator sends an offer notice by e-mail to every active customer with a verified address who has
/// not objected and to whom at least one offer applies. The e-mail carries no offer content, only that
/// something new is in the portal and where to object (B4, B7).
/// </summary>
internal sealed class OfferMailing(PlatformDbContext platform, DbSession session, OfferService offers, IMailSender mail, PortalLinks links, AuditLog audit)
{
    public async Task<int> SendAsync(Guid operatorUserId, string? ipAddress, CancellationToken cancellationToken)
    {
        CustomerScope.Enter(session);
        var customers = await platform.Users.AsNoTracking()
            .Where(u => u.IsActive && u.EmailVerifiedUtc != null && u.Roles.Any(r => r.Role == Roles.Customer))
            .Select(u => new { u.Id, u.Email, u.GivenName, u.FamilyName }).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var customer in customers)
        {
            if ((await offers.ForCustomerAsync(customer.Id, "de", cancellationToken)).Count == 0)
            {
                continue;
            }

            await mail.SendAsync(new OutgoingMail(customer.Email, "Neue Angebote in Ihrem Kundenportal",
                $"Guten Tag {customer.GivenName} {customer.FamilyName},\n\nin Ihrem Kundenportal gibt es neue Angebote für Sie:\n{links.To("/kunde/angebote")}\n\n"
                + $"Sie möchten keine Werbung mehr? Sie können ihr jederzeit in Ihren Einstellungen widersprechen:\n{links.To("/kunde/einstellungen")}\n"),
                cancellationToken);
            sent++;
        }

        await audit.RecordTransactionAsync(operatorUserId, "claims.offers-mailed", ipAddress, cancellationToken);
        return sent;
    }
}
