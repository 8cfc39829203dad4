namespace Glasklar.Platform.Retention;

/// <summary>What one retention rule did in one run. Counts only: a report never names a person.</summary>
public sealed record RetentionOutcome(string Category, int Deleted, int Anonymised, int Blocked);

/// <summary>
/// A rule per data category (X6): how long it is kept and what happens after. Modules contribute rules;
/// the retention run (daily job and `glasklar retention run`) applies all of them.
/// </summary>
public interface IRetentionRule
{
    string Category { get; }

    Task<RetentionOutcome> ApplyAsync(DateTime nowUtc, CancellationToken cancellationToken);
}
