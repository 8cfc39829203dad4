using Glasklar.Platform.Tenancy;

namespace Glasklar.Referrals.Domain;

/// <summary>
/// A damage photo (Schadenbild) of a referral, already sanitised (A9, X4): the stored file has no metadata.
/// The row keeps what the access report shows about it (who uploaded what, when, size), never the image itself.
/// </summary>
internal sealed class ReferralPhoto : ITenantOwned
{
    public const int MaxPerReferral = 5;

    private ReferralPhoto()
    {
        ContentType = StorageName = RemovedMetadata = "";
    }

    public ReferralPhoto(Guid id, Guid referralId, Guid agencyId, Guid uploadedByUserId, Guid uploadedByOrganisationId, DateTime uploadedUtc,
        string contentType, string storageName, int width, int height, long sizeBytes, string removedMetadata)
    {
        Id = id;
        ReferralId = referralId;
        OrganisationId = agencyId;
        UploadedByUserId = uploadedByUserId;
        UploadedByOrganisationId = uploadedByOrganisationId;
        UploadedUtc = uploadedUtc;
        ContentType = contentType;
        StorageName = storageName;
        Width = width;
        Height = height;
        SizeBytes = sizeBytes;
        RemovedMetadata = removedMetadata;
    }

    public Guid Id { get; private set; }

    public Guid ReferralId { get; private set; }

    /// <summary>The referral's agency.</summary>
    public Guid OrganisationId { get; private set; }

    public Guid UploadedByUserId { get; private set; }

    public Guid UploadedByOrganisationId { get; private set; }

    public DateTime UploadedUtc { get; private set; }

    public string ContentType { get; private set; }

    /// <summary>File name inside the photo directory (outside the web root): "{id}.jpg".</summary>
    public string StorageName { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public long SizeBytes { get; private set; }

    /// <summary>Names of the removed metadata blocks (e.g. "APP1/Exif"), for the access report and tests.</summary>
    public string RemovedMetadata { get; private set; }
}
