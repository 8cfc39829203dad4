using Glasklar.Platform.Configuration;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Images;
using Glasklar.Referrals.Domain;
using Glasklar.Referrals.Persistence;
using Glasklar.Referrals.Submission;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Referrals.Photos;

/// <summary>Either the stored photo or a German reason why it was refused.</summary>
internal sealed record PhotoResult(ReferralPhoto? Photo, string? Error, bool NotFound = false);

/// <summary>
/// Damage photos (A9): at most five per referral, each through the image sanitiser (metadata such as time,
/// GPS position and camera removed, type checked by content), stored under the data directory — outside any
/// web root — and read back only through the authorised endpoint.
/// </summary>
internal sealed class PhotoService(
    ReferralsDbContext db,
    DbSession session,
    ReferralService referrals,
    IImageSanitizer sanitizer,
    IOptions<GlasklarOptions> glasklar,
    IOptions<ReferralsOptions> options,
    TimeProvider clock)
{
    public string Directory => Path.Combine(glasklar.Value.FullDataDirectory, "referrals", "photos");

    public async Task<PhotoResult> AddAsync(Caller caller, Guid referralId, byte[] upload, CancellationToken cancellationToken)
    {
        var referral = await referrals.FindAsync(caller, referralId, cancellationToken);
        if (referral is null)
        {
            return new PhotoResult(null, "Die Vermittlung wurde nicht gefunden.", NotFound: true);
        }

        if (upload.Length > options.Value.MaxPhotoBytes)
        {
            return new PhotoResult(null, $"Das Foto ist zu groß (höchstens {options.Value.MaxPhotoBytes / (1024 * 1024)} MB).");
        }

        if (await db.Photos.IgnoreQueryFilters().CountAsync(p => p.ReferralId == referralId, cancellationToken) >= ReferralPhoto.MaxPerReferral)
        {
            return new PhotoResult(null, $"Zu einer Vermittlung können höchstens {ReferralPhoto.MaxPerReferral} Fotos hochgeladen werden.");
        }

        var clean = sanitizer.Sanitize(upload);
        if (!clean.Succeeded)
        {
            return new PhotoResult(null, clean.Rejection!.Message);
        }

        var (contentType, extension) = clean.Kind switch
        {
            ImageKind.Png => ("image/png", "png"),
            ImageKind.WebP => ("image/webp", "webp"),
            _ => ("image/jpeg", "jpg"),
        };
        var id = Guid.CreateVersion7();
        var photo = new ReferralPhoto(id, referralId, referral.OrganisationId, caller.UserId, caller.OrganisationId, clock.GetUtcNow().UtcDateTime,
            contentType, $"{id:N}.{extension}", clean.Width, clean.Height, clean.Output.Length, string.Join(", ", clean.RemovedBlocks));
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(photo);
        await File.WriteAllBytesAsync(path, clean.Output, cancellationToken);
        try
        {
            await session.InTransactionAsync(async ct =>
            {
                db.Photos.Add(photo);
                await db.SaveChangesAsync(ct);
                return (true, 0);
            }, cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new PhotoResult(photo, null);
    }

    public async Task<IReadOnlyList<ReferralPhoto>> ListAsync(Caller caller, Guid referralId, CancellationToken cancellationToken) =>
        await referrals.FindAsync(caller, referralId, cancellationToken) is null
            ? []
            : await db.Photos.IgnoreQueryFilters().Where(p => p.ReferralId == referralId).OrderBy(p => p.UploadedUtc).ToListAsync(cancellationToken);

    /// <summary>The photo's bytes, only if the caller may see the referral.</summary>
    public async Task<(ReferralPhoto Photo, byte[] Bytes)?> ReadAsync(Caller caller, Guid referralId, Guid photoId, CancellationToken cancellationToken)
    {
        if (await referrals.FindAsync(caller, referralId, cancellationToken) is null)
        {
            return null;
        }

        var photo = await db.Photos.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.Id == photoId && p.ReferralId == referralId, cancellationToken);
        if (photo is null || !File.Exists(PathOf(photo)))
        {
            return null;
        }

        return (photo, await File.ReadAllBytesAsync(PathOf(photo), cancellationToken));
    }

    public string PathOf(ReferralPhoto photo) => Path.Combine(Directory, photo.StorageName);

    /// <summary>Removes the files of deleted photos (after the rows are gone).</summary>
    public void DeleteFiles(IEnumerable<ReferralPhoto> photos)
    {
        foreach (var photo in photos)
        {
            File.Delete(PathOf(photo));
        }
    }
}
