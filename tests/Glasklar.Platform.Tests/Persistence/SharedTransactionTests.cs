using Glasklar.Platform.Organisations;
using Glasklar.Platform.Persistence;
using Glasklar.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Platform.Tests.Persistence;

/// <summary>
/// Two module contexts in one scope share one connection and one transaction: either both writes
/// land or neither does (e.g. an action and its audit entry).
/// </summary>
public abstract class SharedTransactionTests(string provider)
{
    [Fact]
    public async Task Work_across_two_module_contexts_is_rolled_back_together()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await StartAsync(database);

        await using (var scope = services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var notes = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
            var stored = await session.InTransactionAsync(async ct =>
            {
                platform.Organisations.Add(new Organisation(Guid.NewGuid(), "Rollback GmbH", OrganisationKind.Workshop, DateTime.UtcNow));
                await platform.SaveChangesAsync(ct);
                notes.Notes.Add(new Note { Text = "gehört dazu" });
                await notes.SaveChangesAsync(ct);
                return (Commit: false, Result: true);
            }, TestContext.Current.CancellationToken);
            stored.ShouldBeTrue();
        }

        (await CountsAsync(services)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Work_across_two_module_contexts_is_committed_together()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await StartAsync(database);

        await using (var scope = services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var notes = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
            await session.InTransactionAsync(async ct =>
            {
                platform.Organisations.Add(new Organisation(Guid.NewGuid(), "Commit GmbH", OrganisationKind.Workshop, DateTime.UtcNow));
                await platform.SaveChangesAsync(ct);

                // A read inside the transaction sees the other context's uncommitted row.
                (await platform.Organisations.CountAsync(ct)).ShouldBe(1);
                notes.Notes.Add(new Note { Text = "gehört dazu" });
                await notes.SaveChangesAsync(ct);
                return (Commit: true, Result: 0);
            }, TestContext.Current.CancellationToken);
        }

        (await CountsAsync(services)).ShouldBe((1, 1));
    }

    [Fact]
    public async Task An_exception_inside_the_transaction_rolls_everything_back()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await StartAsync(database);

        await using (var scope = services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var notes = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
            await Should.ThrowAsync<InvalidOperationException>(() => session.InTransactionAsync<int>(async ct =>
            {
                notes.Notes.Add(new Note { Text = "halb fertig" });
                await notes.SaveChangesAsync(ct);
                throw new InvalidOperationException("Abbruch mitten in der Arbeit");
            }, TestContext.Current.CancellationToken));
        }

        (await CountsAsync(services)).ShouldBe((0, 0));
    }

    /// <summary>Rows as seen from a fresh scope, after the transaction is over: (organisations, notes).</summary>
    private static async Task<(int Organisations, int Notes)> CountsAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var ct = TestContext.Current.CancellationToken;
        return (await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Organisations.CountAsync(ct),
            await scope.ServiceProvider.GetRequiredService<NotesDbContext>().Notes.CountAsync(ct));
    }

    private static async Task<ServiceProvider> StartAsync(TestDatabase database)
    {
        var services = PlatformServices.Build(database, s => s.AddModuleDbContext<NotesDbContext>(NotesDbContext.Module));
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        await using var scope = services.CreateAsyncScope();
        var notes = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
        await notes.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(TestContext.Current.CancellationToken);
        return services;
    }
}

public sealed class SharedTransactionTestsSqlite() : SharedTransactionTests(Providers.Sqlite);

public sealed class SharedTransactionTestsPostgres() : SharedTransactionTests(Providers.Postgres);

/// <summary>A second module's context, as a module would declare it; its table is created from the model.</summary>
public sealed class NotesDbContext(DbContextOptions<NotesDbContext> options, DbSession session) : ModuleDbContext(options, session)
{
    public const string Module = "testnotes";

    public override string ModuleName => Module;

    public DbSet<Note> Notes => Set<Note>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(e =>
        {
            e.ToTable(Table("notes"));
            e.HasKey(n => n.Id);
        });
    }
}

public sealed class Note
{
    public int Id { get; set; }

    public string Text { get; set; } = "";
}
