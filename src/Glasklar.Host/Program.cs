using Glasklar.Host.Cli;

return await GlasklarCli.RunAsync(args);

/// <summary>Entry point; public so the integration tests' WebApplicationFactory can find it.</summary>
public partial class Program;
