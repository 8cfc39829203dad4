using Glasklar.Platform.Configuration;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Submission;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Glasklar.Referrals.Areas.Vermittlung.Pages;

[Authorize]
internal sealed class KomplettModel(CallerResolver callers, ReferralService referrals, IOptions<GlasklarOptions> glasklar, IOptions<ReferralsOptions> options)
    : ReferralFormModel(callers, referrals, glasklar, options)
{
    public override ReferralMode Mode => ReferralMode.Komplett;
}
