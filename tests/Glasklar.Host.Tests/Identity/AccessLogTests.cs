using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.AccessLog;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Identity;

/// <summary>Technical usage data: recorded per request, kept 7 days, then only anonymous counts remain.</summary>
public abstract class AccessLogTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "A11")]
    public async Task Each_request_is_recorded_with_time_browser_path_without_query_and_status()
    {
        var marker = "/impressum";
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, marker + "?suche=Mustermann");
        request.Headers.UserAgent.ParseAdd("GlasklarTest/" + Guid.NewGuid().ToString("N")[..8]);
        var agent = request.Headers.UserAgent.ToString();
        await client.SendAsync(request, Ct);

        var entry = await WaitForAsync(db => db.AccessLog.AsNoTracking().FirstOrDefaultAsync(a => a.UserAgent == agent, Ct));

        entry.Path.ShouldBe(marker);
        entry.Status.ShouldBe(200);
        entry.IpAddress.ShouldNotBeNullOrEmpty();
        entry.OccurredUtc.ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    [Trait("Promise", "A11")]
    [Trait("Promise", "B10")]
    public async Task Retention_deletes_rows_older_than_seven_days_and_keeps_anonymous_hourly_counts()
    {
        var old = DateTime.UtcNow.AddDays(-8);
        var recent = DateTime.UtcNow.AddDays(-6);
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.AccessLog.Add(new AccessLogEntry(old, "198.51.100.23", "Alt-Browser/1.0", "/datenschutz", 200));
            db.AccessLog.Add(new AccessLogEntry(old, "198.51.100.23", "Alt-Browser/1.0", "/api/v1/kunden/erika@example.de", 404));
            db.AccessLog.Add(new AccessLogEntry(recent, "198.51.100.24", "Neu-Browser/1.0", "/impressum", 200));
            await db.SaveChangesAsync(Ct);
        }

        var report = await App.Factory.Services.GetRequiredService<RetentionRunner>().RunAsync(Ct);

        report.ShouldContain(r => r.Category.StartsWith("Zugriffsprotokoll", StringComparison.Ordinal) && r.Deleted >= 2);
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            (await db.AccessLog.CountAsync(a => a.UserAgent == "Alt-Browser/1.0", Ct)).ShouldBe(0);
            (await db.AccessLog.CountAsync(a => a.UserAgent == "Neu-Browser/1.0", Ct)).ShouldBe(1);

            var hour = new DateTime(old.Year, old.Month, old.Day, old.Hour, 0, 0, DateTimeKind.Utc);
            var statistics = await db.UsageStatistics.AsNoTracking().Where(s => s.HourUtc == hour).ToListAsync(Ct);
            statistics.ShouldContain(s => s.Area == "datenschutz" && s.Requests >= 1);
            statistics.ShouldContain(s => s.Area == "api" && s.Requests >= 1);
            statistics.ShouldAllBe(s => !s.Area.Contains('@') && !s.Area.Contains("198.51"));
        }
    }

    private async Task<T> WaitForAsync<T>(Func<PlatformDbContext, Task<T?>> query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using (var scope = App.Factory.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
                var result = await query(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
                if (result is not null)
                {
                    return result;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Der Zugriffsprotokoll-Eintrag wurde nicht geschrieben.");
            }

            await Task.Delay(100, Ct);
        }
    }
}

public sealed class AccessLogTestsSqlite(SqliteApp app) : AccessLogTests<SqliteApp>(app);

public sealed class AccessLogTestsPostgres(PostgresApp app) : AccessLogTests<PostgresApp>(app);
