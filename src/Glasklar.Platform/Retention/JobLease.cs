using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Retention;

/// <summary>
/// A named lease on a background job (table <c>platform_job_leases</c>): whoever holds an unexpired lease
/// runs the job, every other node skips it (ARCHITECTURE §5: "background jobs take a database lease").
/// The expiry is stored as Unix milliseconds so both providers compare plain integers.
/// </summary>
public sealed class JobLease
{
    private JobLease()
    {
        Name = "";
        Holder = "";
    }

    internal JobLease(string name, string holder, long expiresUnixMs)
    {
        Name = name;
        Holder = holder;
        ExpiresUnixMs = expiresUnixMs;
    }

    public string Name { get; private set; }

    /// <summary>The node that holds it (host name and a random process id; never a person).</summary>
    public string Holder { get; private set; }

    public long ExpiresUnixMs { get; private set; }

    public const int NameMaxLength = 100;
    public const int HolderMaxLength = 200;

    internal static void Configure(ModelBuilder modelBuilder, Func<string, string> table) =>
        modelBuilder.Entity<JobLease>(e =>
        {
            e.ToTable(table("job_leases"));
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(NameMaxLength).ValueGeneratedNever();
            e.Property(l => l.Holder).HasMaxLength(HolderMaxLength).IsRequired();
        });
}

/// <summary>
/// Acquires job leases atomically: one conditional UPDATE ("take it if it has expired or is mine") that
/// the database serialises, or one INSERT for a lease that does not exist yet, whose primary key lets
/// only one of two racing nodes win.
/// </summary>
public sealed class JobLeases(PlatformDbContext db, TimeProvider clock)
{
    /// <summary>Identifies this process among the nodes: host name plus a random suffix.</summary>
    public static string ThisNode { get; } = Truncate($"{Environment.MachineName}/{Guid.NewGuid():N}");

    /// <summary>True when <paramref name="holder"/> now holds the lease until now + <paramref name="duration"/>.</summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)duration.TotalMilliseconds;
        var taken = await db.Set<JobLease>()
            .Where(l => l.Name == name && (l.ExpiresUnixMs <= now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresUnixMs, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Set<JobLease>().AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false; // held by another node
        }

        var lease = new JobLease(name, holder, until);
        db.Add(lease);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another node inserted it first
        }
        finally
        {
            db.Entry(lease).State = EntityState.Detached;
        }
    }

    private static string Truncate(string value) => value.Length <= JobLease.HolderMaxLength ? value : value[^JobLease.HolderMaxLength..];

    /// <summary>Gives the lease up early (only if <paramref name="holder"/> holds it).</summary>
    public Task<int> ReleaseAsync(string name, string holder, CancellationToken cancellationToken) =>
        db.Set<JobLease>().Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresUnixMs, 0L), cancellationToken);
}
