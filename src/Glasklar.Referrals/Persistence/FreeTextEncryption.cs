using Glasklar.Referrals.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Glasklar.Referrals.Persistence;

/// <summary>
/// Free text (Zusatzinfo, Bemerkungen, Postkorb Betreff and messages) is encrypted at rest with Data Protection
/// (ARCHITECTURE §2). Stored values carry a marker, so rows written before encryption stay readable (ADR 0015).
/// </summary>
internal sealed class FreeTextProtection(IDataProtectionProvider provider)
{
    private const string Marker = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Glasklar.Referrals.FreeText.v1");

    public string Protect(string plain) => Marker + _protector.Protect(plain);

    public string? Unprotect(string? stored) =>
        stored is not null && stored.StartsWith(Marker, StringComparison.Ordinal) ? _protector.Unprotect(stored[Marker.Length..]) : stored;
}

/// <summary>
/// Encrypts the free-text properties just before a save and shows the plain text again afterwards; decrypts them
/// when an entity is loaded. Entities in memory always hold plain text, the database only ciphertext.
/// Materialisation interceptors are part of EF's internal service provider, so there is exactly one instance per
/// process; the protector and what one save replaced belong to the context (<see cref="ReferralsDbContext"/>).
/// </summary>
internal sealed class FreeTextInterceptor : IMaterializationInterceptor, ISaveChangesInterceptor
{
    public static readonly FreeTextInterceptor Instance = new();

    private static readonly Dictionary<Type, string[]> Encrypted = new()
    {
        [typeof(Referral)] = [nameof(Referral.AdditionalInfo), nameof(Referral.Remarks)],
        [typeof(PostkorbTicket)] = [nameof(PostkorbTicket.Subject)],
        [typeof(PostkorbMessage)] = [nameof(PostkorbMessage.Body)],
    };

    private FreeTextInterceptor()
    {
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        var protection = ((ReferralsDbContext)materializationData.Context).FreeText;
        switch (entity)
        {
            case Referral referral:
                referral.RevealFreeText(protection.Unprotect);
                break;
            case PostkorbTicket ticket:
                ticket.RevealFreeText(protection.Unprotect);
                break;
            case PostkorbMessage message:
                message.RevealFreeText(protection.Unprotect);
                break;
        }

        return entity;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ProtectPending(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ProtectPending(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Restore(eventData.Context, saved: true);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context, saved: true);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Restore(eventData.Context, saved: false);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Restore(eventData.Context, saved: false);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    private static void ProtectPending(DbContext? context)
    {
        if (context is not ReferralsDbContext referrals)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified) || !Encrypted.TryGetValue(entry.Metadata.ClrType, out var names))
            {
                continue;
            }

            foreach (var name in names)
            {
                var property = entry.Property(name);
                if (property.CurrentValue is string plain && (entry.State == EntityState.Added || property.IsModified))
                {
                    referrals.ReplacedFreeText.Add((property, plain));
                    property.CurrentValue = referrals.FreeText.Protect(plain);
                }
            }
        }
    }

    private static void Restore(DbContext? context, bool saved)
    {
        if (context is not ReferralsDbContext referrals)
        {
            return;
        }

        foreach (var (property, plain) in referrals.ReplacedFreeText)
        {
            if (saved && property.EntityEntry.State == EntityState.Unchanged)
            {
                // Saved: the row holds the ciphertext; in memory the entity is unchanged plain text again.
                property.OriginalValue = plain;
                property.CurrentValue = plain;
                property.IsModified = false;
            }
            else
            {
                property.CurrentValue = plain;
            }
        }

        referrals.ReplacedFreeText.Clear();
    }
}
