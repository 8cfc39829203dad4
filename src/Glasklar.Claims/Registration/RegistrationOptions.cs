namespace Glasklar.Claims.Registration;

/// <summary>Settings under <c>Glasklar:Claims:Registration</c> (operator-specific, with defaults).</summary>
public sealed class RegistrationOptions
{
    public const string Section = "Glasklar:Claims:Registration";

    /// <summary>The security questions a customer chooses two from (B6). Empty: <see cref="DefaultQuestions"/>.</summary>
    public string[]? SecurityQuestions { get; set; }

    /// <summary>Failed contract-link attempts allowed per account within <see cref="LinkAttemptWindowMinutes"/> (default 5).</summary>
    public int LinkAttemptsPerWindow { get; set; } = 5;

    /// <summary>
    /// Failed contract-link attempts allowed from one client IP address across accounts within the window
    /// (default 20: an office or a mobile carrier's NAT puts several customers behind one address).
    /// </summary>
    public int LinkAttemptsPerAddressPerWindow { get; set; } = 20;

    public int LinkAttemptWindowMinutes { get; set; } = 60;

    public static readonly IReadOnlyList<string> DefaultQuestions =
    [
        "Wie hieß Ihr erstes Haustier?",
        "In welcher Stadt haben Sie Ihre Schulzeit begonnen?",
        "Wie lautete der Name Ihrer ersten Lehrerin oder Ihres ersten Lehrers?",
        "Welches war Ihr erstes eigenes Fahrzeug (Marke und Modell)?",
        "Wie heißt die Straße, in der Sie als Kind gewohnt haben?",
    ];

    public IReadOnlyList<string> Questions =>
        SecurityQuestions is { Length: >= 2 } configured ? configured.Where(q => !string.IsNullOrWhiteSpace(q)).Select(q => q.Trim()).Distinct().ToList() : DefaultQuestions;
}
