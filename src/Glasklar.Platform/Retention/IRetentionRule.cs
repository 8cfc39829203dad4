namespace Glasklar.Platform.Retention;

/// <summary>What one retention rule did in one run. Counts only: a report never names a person.</summary>
public sealed record RetentionOutcome(string Category, int Deleted, int Anonymised, int Blocked);

/// <summary>What happens to data whose period has run out.</summary>
public enum RetentionAction
{
    Delete,
    Anonymise,
}

/// <summary>
/// The declared rule of a data category (X6): how long it is kept, what starts the clock (German, for
/// the DPO's overview) and what happens afterwards. The numbers come from configuration.
/// </summary>
public sealed record RetentionPolicy(string Category, TimeSpan KeepFor, string ClockStartsAt, RetentionAction Action);

/// <summary>
/// A rule per data category (X6): how long it is kept and what happens after. Modules contribute rules
/// (<c>services.AddScoped&lt;IRetentionRule, …&gt;()</c>); the retention run (daily job on one node and
/// `glasklar retention run`) applies all of them. Data under a statutory hold (<see cref="RetentionContext.Holds"/>
/// or a module's own statutory period) is blocked instead of deleted and counted as <c>Blocked</c>.
/// </summary>
public interface IRetentionRule
{
    RetentionPolicy Policy { get; }

    Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken);
}

/// <summary>The run's clock and the register of holds that block deletion.</summary>
public sealed record RetentionContext(DateTime NowUtc, ILegalHolds Holds);

/// <summary>
/// Statutory or legal holds (e.g. a pending dispute, a tax audit) placed on a subject reference
/// (the same opaque reference the consent ledger uses, e.g. "referral:&lt;id&gt;") for a category.
/// Held data is kept but blocked: staff cannot see it until the hold ends.
/// </summary>
public interface ILegalHolds
{
    Task<bool> IsHeldAsync(string subjectRef, string category, CancellationToken cancellationToken);
}

/// <summary>No holds: used until the privacy core registers its register.</summary>
internal sealed class NoLegalHolds : ILegalHolds
{
    public Task<bool> IsHeldAsync(string subjectRef, string category, CancellationToken cancellationToken) => Task.FromResult(false);
}
