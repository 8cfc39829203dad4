using Glasklar.Platform.Audit;
using Glasklar.Platform.Authorization;
using Glasklar.Platform.Identity.ApiKeys;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Accounts;

/// <summary>A created key: <see cref="Key"/> is shown exactly once and never stored.</summary>
public sealed record CreatedApiKey(string? Key, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Key is not null;
}

/// <summary>
/// An organisation's admins manage its API keys: create (shown once, stored hashed), list with last use,
/// scopes, revoke. Every query runs under the request's tenant filter, so another organisation's key is
/// simply not there (tenant isolation by construction, ModuleDbContext).
/// </summary>
public sealed class ApiKeyAdministration(PlatformDbContext db, DbSession session, IEnumerable<ApiScopeDefinition> scopes, AuditLog audit, Sessions.ApiKeyCache cache, TimeProvider clock)
{
    public const int NameMaxLength = 100;

    public IReadOnlyList<ApiScopeDefinition> AvailableScopes { get; } = [.. scopes.DistinctBy(s => s.Scope).OrderBy(s => s.Scope, StringComparer.Ordinal)];

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedUtc).ToListAsync(cancellationToken);

    public async Task<CreatedApiKey> CreateAsync(Guid organisationId, Guid userId, string? name, IReadOnlyCollection<string> requestedScopes, string ip, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.Add(new FieldError("name", "Bitte geben Sie dem Schlüssel einen Namen, z. B. das System, das ihn nutzt."));
        }
        else if (trimmed.Length > NameMaxLength)
        {
            errors.Add(new FieldError("name", $"Bitte kürzen Sie den Namen auf höchstens {NameMaxLength} Zeichen."));
        }

        if (requestedScopes.Count == 0)
        {
            errors.Add(new FieldError("scopes", "Bitte wählen Sie mindestens eine Berechtigung."));
        }
        else if (requestedScopes.FirstOrDefault(s => AvailableScopes.All(a => a.Scope != s)) is { } unknown)
        {
            errors.Add(new FieldError("scopes", $"Die Berechtigung „{unknown}“ gibt es nicht."));
        }

        if (errors.Count > 0)
        {
            return new CreatedApiKey(null, errors);
        }

        var generated = ApiKeyCredential.Generate();
        var key = new ApiKey(Guid.NewGuid(), organisationId, trimmed, generated.Prefix, generated.SecretHash, requestedScopes, userId, clock.GetUtcNow().UtcDateTime);
        await session.InTransactionAsync(async ct =>
        {
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(AuditActions.ApiKeyCreated, userId, organisationId, ip, new() { ["praefix"] = key.Prefix, ["berechtigungen"] = key.Scopes }, ct);
            await audit.RecordTransactionAsync(userId, AuditActions.ApiKeyCreated, ip, ct);
            return (true, true);
        }, cancellationToken);
        return new CreatedApiKey(generated.Key, []);
    }

    /// <summary>False when the key is unknown in this organisation (another tenant's id looks the same as none).</summary>
    public async Task<bool> RevokeAsync(Guid keyId, Guid userId, string ip, CancellationToken cancellationToken) =>
        await session.InTransactionAsync(async ct =>
        {
            if (await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId, ct) is not { } key)
            {
                return (false, false);
            }

            key.Revoke(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            cache.Forget(key.Prefix);
            await audit.AppendAsync(AuditActions.ApiKeyRevoked, userId, key.OrganisationId, ip, new() { ["praefix"] = key.Prefix }, ct);
            await audit.RecordTransactionAsync(userId, AuditActions.ApiKeyRevoked, ip, ct);
            return (true, true);
        }, cancellationToken);
}
