using System.Globalization;
using System.Text.Json;
using Glasklar.Referrals.Domain;

namespace Glasklar.Referrals.Api;

/// <summary>
/// Reads the POST body field by field, so every unknown field and every wrong type gets its own German error
/// (instead of a framework message or a silently ignored property).
/// </summary>
internal static class ReferralJson
{
    private static readonly HashSet<string> TextFields =
        [.. ReferralFields.Mandatory, .. ReferralFields.OptionalKomplett, ReferralFields.Remarks];

    public static (ReferralInput? Input, Dictionary<string, string[]>? Errors) Read(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors[""] = ["Bitte senden Sie die Vermittlung als JSON-Objekt."];
            return (null, errors);
        }

        string? mode = null;
        bool? agrees = null, consent = null;
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case ReferralFields.Mode:
                    mode = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    break;
                case ReferralFields.PolicyholderAgrees or ReferralFields.ConsentToOptionalData:
                    bool? flag = value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.Null => null,
                        _ => null,
                    };
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                    {
                        errors[name] = [$"{ReferralFields.Label(name)}: bitte true oder false angeben."];
                    }

                    if (name == ReferralFields.PolicyholderAgrees)
                    {
                        agrees = flag;
                    }
                    else
                    {
                        consent = flag;
                    }

                    break;
                case var _ when TextFields.Contains(name):
                    switch (value.ValueKind)
                    {
                        case JsonValueKind.String:
                            fields[name] = value.GetString();
                            break;
                        case JsonValueKind.Number:
                            fields[name] = value.GetRawText();
                            break;
                        case JsonValueKind.Null:
                            fields[name] = null;
                            break;
                        default:
                            errors[name] = [$"{ReferralFields.Label(name)}: bitte als Text angeben."];
                            break;
                    }

                    break;
                default:
                    errors[name] = [$"Das Feld „{name}“ gibt es in einer Vermittlung nicht."];
                    break;
            }
        }

        return errors.Count > 0 ? (null, errors) : (new ReferralInput(mode, agrees, consent, fields), null);
    }
}

/// <summary>201 answer of POST /api/v1/referrals.</summary>
internal sealed record ReferralCreated(Guid Id, string ServiceNumber, string Mode, string Status, DateTimeOffset CreatedAt);

/// <summary>A referral as the API shows it to the agency and the repair network.</summary>
internal sealed record ReferralDto(
    Guid Id,
    string Mode,
    string ServiceNumber,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusChangedAt,
    Guid AgencyId,
    Guid AgentUserId,
    string Surname,
    string Phone,
    string LicencePlate,
    string PolicyNumber,
    string? ConsentTextVersion,
    IReadOnlyDictionary<string, string> OptionalData,
    int Photos)
{
    public static ReferralDto From(Referral r, int photos)
    {
        var optional = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var o = r.Optional;
        void Put(string field, object? value)
        {
            if (value is not null)
            {
                optional[field] = value switch
                {
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    int i => i.ToString(CultureInfo.InvariantCulture),
                    _ => value.ToString()!,
                };
            }
        }

        Put(ReferralFields.Salutation, o.Salutation);
        Put(ReferralFields.FirstName, o.FirstName);
        Put(ReferralFields.Email, o.Email);
        Put(ReferralFields.Phone2, o.Phone2);
        Put(ReferralFields.Street, o.Street);
        Put(ReferralFields.PostalCode, o.PostalCode);
        Put(ReferralFields.City, o.City);
        Put(ReferralFields.VehicleMake, o.VehicleMake);
        Put(ReferralFields.VehicleModel, o.VehicleModel);
        Put(ReferralFields.Insurer, o.Insurer);
        Put(ReferralFields.Deductible, o.Deductible);
        Put(ReferralFields.DamageDate, o.DamageDate);
        Put(ReferralFields.DamageType, o.DamageType);
        Put(ReferralFields.GlassPosition, o.GlassPosition);
        Put(ReferralFields.ContactTime, o.ContactTime);
        Put(ReferralFields.RepairLocation, o.RepairLocation);
        Put(ReferralFields.PreferredBranch, o.PreferredBranch);
        Put(ReferralFields.AdditionalInfo, o.AdditionalInfo);
        Put(ReferralFields.Remarks, o.Remarks);
        return new ReferralDto(r.Id, r.Mode.ToString().ToLowerInvariant(), r.ServiceNumber, ReferralStatuses.Code(r.Status),
            Utc(r.CreatedUtc), Utc(r.StatusChangedUtc), r.OrganisationId, r.AgentUserId, r.Surname, r.Phone, r.LicencePlate, r.PolicyNumber,
            r.ConsentTextVersion, optional, photos);
    }

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

internal sealed record PhotoDto(Guid Id, string ContentType, int Width, int Height, long SizeBytes, DateTimeOffset UploadedAt, string RemovedMetadata);

internal sealed record StatusChange(string? Status);

internal sealed record MessageRequest(Guid? TicketId, string? Subject, string? Body, bool? AcknowledgeWarnings, bool? Close);

internal sealed record MessageDto(Guid Id, string Body, Guid AuthorUserId, Guid AuthorOrganisationId, DateTimeOffset CreatedAt);

internal sealed record TicketDto(Guid Id, string Subject, string State, Guid CreatedByOrganisationId, DateTimeOffset CreatedAt, IReadOnlyList<MessageDto> Messages, IReadOnlyList<string> Warnings)
{
    public static TicketDto From(PostkorbTicket t, IReadOnlyList<string>? warnings = null) => new(t.Id, t.Subject, PostkorbTicket.German(t.State),
        t.CreatedByOrganisationId, ReferralDto.Utc(t.CreatedUtc),
        [.. t.Messages.OrderBy(m => m.CreatedUtc).Select(m => new MessageDto(m.Id, m.Body, m.AuthorUserId, m.AuthorOrganisationId, ReferralDto.Utc(m.CreatedUtc)))],
        warnings ?? []);
}
