using System.Net;
using System.Text;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Receipts;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Glasklar.Host.Tests.Claims.ClaimsTestSupport;
using static Glasklar.Host.Tests.Claims.ProcessingTestSupport;

namespace Glasklar.Host.Tests.Claims;

/// <summary>Receipt contents as sealed files beside the database (ADR 0032): written before, deleted after their rows.</summary>
public abstract class ReceiptFileTests<TApp>(TApp app) : AppTests<TApp>(app)
    where TApp : AppFixture
{
    [Fact]
    [Trait("Promise", "B1")]
    public async Task A_claim_whose_transaction_fails_leaves_neither_rows_nor_files()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var sqlite = App.Provider == Providers.Sqlite;
        // The database refuses a receipt of exactly this size, after the files are written: a failure inside the transaction.
        await db.Database.ExecuteSqlRawAsync(sqlite
            ? """CREATE TRIGGER test_refuse_receipt BEFORE INSERT ON claims_receipts WHEN NEW."Size" = 7777 BEGIN SELECT RAISE(ABORT, 'Testfehler'); END;"""
            : """
              CREATE FUNCTION claims.test_refuse_receipt() RETURNS trigger AS $$ BEGIN IF NEW."Size" = 7777 THEN RAISE EXCEPTION 'Testfehler'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER test_refuse_receipt BEFORE INSERT ON claims.claims_receipts FOR EACH ROW EXECUTE FUNCTION claims.test_refuse_receipt();
              """, Ct);
        try
        {
            var before = await CountClaimsAsync(App.Factory);
            using var response = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie,
                Claim(insured, ValidIban, ("foto.jpg", JpegWithGps()), ("rechnung.pdf", PdfOfSize(7777)))), Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            (await CountClaimsAsync(App.Factory)).ShouldBe(before);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(sqlite
                ? "DROP TRIGGER test_refuse_receipt;"
                : "DROP TRIGGER test_refuse_receipt ON claims.claims_receipts; DROP FUNCTION claims.test_refuse_receipt();", CancellationToken.None);
        }
    }

    [Fact]
    [Trait("Promise", "B14")]
    [Trait("Promise", "X7")]
    public async Task Erasure_deletes_the_receipt_files_once_it_commits_and_keeps_them_when_it_rolls_back()
    {
        using var client = App.CreateClient();
        var customer = await CustomerWithContractAsync(App.Factory, client, Ct);
        var claim = await SubmitAsync(client, customer.Cookie, Ct);
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        session.Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ReceiptStore>();
        var files = (await db.Receipts.Where(r => r.ClaimId == claim.Id).Select(r => r.Id).ToListAsync(Ct)).Select(store.PathOf).ToList();
        files.ShouldNotBeEmpty();
        files.ShouldAllBe(f => File.Exists(f));

        async Task EraseAsync(bool commit) => await session.InTransactionAsync(async ct =>
        {
            foreach (var source in scope.ServiceProvider.GetServices<IPersonalDataSource>().Where(s => s.Module == "Kundenportal"))
            {
                await source.EraseAsync(new DataSubject(UserId: customer.UserId), ct);
            }

            return (commit, 0);
        }, Ct);

        await EraseAsync(commit: false);
        db.ChangeTracker.Clear();
        (await db.Claims.AnyAsync(c => c.Id == claim.Id, Ct)).ShouldBeTrue();
        files.ShouldAllBe(f => File.Exists(f));

        await EraseAsync(commit: true);
        db.ChangeTracker.Clear();
        (await db.Claims.AnyAsync(c => c.Id == claim.Id, Ct)).ShouldBeFalse();
        files.ShouldAllBe(f => !File.Exists(f));
    }

    [Fact]
    [Trait("Promise", "B13")]
    [Trait("Promise", "X6")]
    public async Task Receipt_files_without_a_row_are_swept_once_an_hour_old()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        using var submitted = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured)), Ct);
        var claimId = (await ReadJsonAsync(submitted, Ct)).GetProperty("claimId").GetGuid();
        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ReceiptStore>();
        var recorded = store.PathOf(await db.Receipts.Where(r => r.ClaimId == claimId).Select(r => r.Id).FirstAsync(Ct));
        var oldOrphan = store.PathOf(Guid.NewGuid());
        var youngOrphan = store.PathOf(Guid.NewGuid());
        await File.WriteAllBytesAsync(oldOrphan, [1, 2, 3], Ct);
        await File.WriteAllBytesAsync(youngOrphan, [4, 5, 6], Ct);
        var twoHoursAgo = DateTime.UtcNow.AddHours(-2);
        File.SetLastWriteTimeUtc(oldOrphan, twoHoursAgo);
        File.SetLastWriteTimeUtc(recorded, twoHoursAgo);
        try
        {
            var rule = scope.ServiceProvider.GetServices<IRetentionRule>().Single(r => r.Policy.Category == "Belegdateien ohne Antrag");
            var outcome = await rule.ApplyAsync(new RetentionContext(DateTime.UtcNow, scope.ServiceProvider.GetRequiredService<ILegalHolds>()), Ct);

            outcome.Deleted.ShouldBeGreaterThanOrEqualTo(1);
            File.Exists(oldOrphan).ShouldBeFalse();
            File.Exists(youngOrphan).ShouldBeTrue();
            File.Exists(recorded).ShouldBeTrue();
        }
        finally
        {
            File.Delete(youngOrphan);
        }
    }

    [Fact]
    [Trait("Promise", "B3")]
    public async Task A_receipt_stored_in_its_row_before_files_existed_is_still_served()
    {
        using var client = App.CreateClient();
        var cookie = await TestLogins.SessionCookieAsync(App.Factory, Customer);
        var insured = await FirstInsuredPersonAsync(client, cookie, Ct);
        var pdf = Pdf();
        using var submitted = await client.SendAsync(Json(HttpMethod.Post, "/api/v1/claims", cookie, Claim(insured, ValidIban, ("alt.pdf", pdf))), Ct);
        var id = (await ReadJsonAsync(submitted, Ct)).GetProperty("claimId").GetGuid();
        await using var scope = App.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
        var db = scope.ServiceProvider.GetRequiredService<ClaimsDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ReceiptStore>();
        var receipt = await db.Receipts.AsNoTracking().SingleAsync(r => r.ClaimId == id, Ct);
        var sealedFile = await File.ReadAllBytesAsync(store.PathOf(receipt.Id), Ct);
        await db.Receipts.Where(r => r.Id == receipt.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ContentProtected, sealedFile), Ct);
        File.Delete(store.PathOf(receipt.Id));

        using var download = await client.SendAsync(TestLogins.Get($"/api/v1/claims/{id}/receipts/{receipt.Id}", cookie), Ct);

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(pdf);
    }

    /// <summary>The test PDF padded with a comment line to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] PdfOfSize(int size)
    {
        var pdf = Encoding.ASCII.GetString(Pdf());
        var header = pdf.IndexOf('\n', StringComparison.Ordinal) + 1;
        var padding = "%" + new string('x', size - pdf.Length - 2) + "\n";
        return Encoding.ASCII.GetBytes(pdf[..header] + padding + pdf[header..]);
    }
}

public sealed class ReceiptFileTestsSqlite(SqliteApp app) : ReceiptFileTests<SqliteApp>(app);

public sealed class ReceiptFileTestsPostgres(PostgresApp app) : ReceiptFileTests<PostgresApp>(app);
