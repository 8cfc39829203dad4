namespace Glasklar.Platform.Demo;

/// <summary>A module's contribution to the demo installation. Must be idempotent: it runs at every start.</summary>
public interface IDemoDataSeeder
{
    /// <summary>Lower runs first (platform organisations before module data that refers to them).</summary>
    int Order { get; }

    Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>One demo login, as printed by <c>glasklar demo-users</c>.</summary>
public sealed record DemoAccount(
    string Role,
    string? Email,
    string? Password,
    string? TotpSecret,
    string Organisation,
    string? ApiKey,
    string? Imei = null);

/// <summary>Modules that own accounts or devices list their deterministic demo credentials here.</summary>
public interface IDemoAccountSource
{
    IEnumerable<DemoAccount> GetDemoAccounts();
}
