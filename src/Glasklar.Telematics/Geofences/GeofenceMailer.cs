using Glasklar.Platform.Accounts;
using Glasklar.Platform.Mail;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Telematics.Persistence;
using Glasklar.Telematics.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Glasklar.Telematics.Geofences;

/// <summary>Wakes a background worker early (an alert was raised, an export was queued).</summary>
internal class WorkSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Raise()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // already raised
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

internal sealed class GeofenceSignal : WorkSignal;

/// <summary>
/// Outbox of the theft alert mails: each committed alert whose mail is not sent yet is claimed with a
/// conditional update (so of several nodes only one sends it) and the customer gets a mail saying only
/// that an alert is waiting in the portal: no place, no vehicle, no time (B7).
/// </summary>
internal sealed class GeofenceMailer(IServiceScopeFactory scopes, GeofenceSignal signal, PortalOptions options, TimeProvider clock, ILogger<GeofenceMailer> logger) : BackgroundService
{
    public const string Subject = "Eine neue Meldung wartet in Ihrem Kundenportal";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(options.PollInterval, stoppingToken);
                await Task.Delay(200, stoppingToken); // let the raising batch commit first
                await SendPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Telematik: Versand der Diebstahlwarnungen fehlgeschlagen; neuer Versuch folgt");
            }
        }
    }

    public async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Telematik: Diebstahlwarnung benachrichtigen");
        var db = scope.ServiceProvider.GetRequiredService<TelematicsDbContext>();
        var pending = await db.Set<GeofenceAlert>().AsNoTracking().Where(a => a.MailSentUtc == null).OrderBy(a => a.RaisedUtc).Take(100)
            .Select(a => new { a.Id, a.BoxId }).ToListAsync(cancellationToken);
        foreach (var alert in pending)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.Set<GeofenceAlert>().Where(a => a.Id == alert.Id && a.MailSentUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.MailSentUtc, now), cancellationToken);
            if (claimed != 1)
            {
                continue;
            }

            var contract = await db.Boxes.Where(b => b.Id == alert.BoxId)
                .Join(db.Contracts, b => b.ContractId, c => c.Id, (b, c) => new { c.CustomerUserId, c.Email }).SingleOrDefaultAsync(cancellationToken);
            if (contract is null)
            {
                continue;
            }

            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var user = contract.CustomerUserId is { } id ? await accounts.FindAsync(id, cancellationToken) : null;
            var to = user?.Email ?? contract.Email;
            if (string.IsNullOrWhiteSpace(to))
            {
                continue;
            }

            var link = scope.ServiceProvider.GetRequiredService<PortalLinks>().To("/telematik/zonen");
            var body = "Guten Tag,\n\nin Ihrem Kundenportal wartet eine neue Meldung der Diebstahlwarnung auf Sie. "
                + $"Aus Datenschutzgründen steht sie nur im Portal. Bitte melden Sie sich an:\n{link}\n\nDiese Nachricht wurde automatisch erstellt.";
            await scope.ServiceProvider.GetRequiredService<IMailSender>().SendAsync(new OutgoingMail(to, Subject, body), cancellationToken);
        }
    }
}
