using Glasklar.Privacy.Pseudonyms;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Privacy.Tests.Pseudonyms;

/// <summary>The privacy services with a real Data Protection key ring in a temporary directory.</summary>
internal sealed class PseudonymTestServices : IDisposable
{
    private readonly string _keys = Directory.CreateTempSubdirectory("glasklar-keys-").FullName;

    public PseudonymTestServices(IDictionary<string, string?>? settings = null)
    {
        Provider = Build(_keys, settings);
    }

    public ServiceProvider Provider { get; }

    public IPseudonymService Pseudonyms => Provider.GetRequiredService<IPseudonymService>();

    public IPseudonymTrustee Trustee => Provider.GetRequiredService<IPseudonymTrustee>();

    public IKAnonymityCheck KAnonymity => Provider.GetRequiredService<IKAnonymityCheck>();

    /// <summary>Another installation (different key ring): must not be able to open our sealed keys.</summary>
    public static ServiceProvider Foreign(string keys) => Build(keys, null);

    private static ServiceProvider Build(string keys, IDictionary<string, string?>? settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("glasklar").PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddPrivacy(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public void Dispose()
    {
        Provider.Dispose();
        Directory.Delete(_keys, recursive: true);
    }
}
