using System.Reflection;

namespace Glasklar.Host.Tests.Architecture;

/// <summary>
/// Module boundaries (ARCHITECTURE.md §1), read from the assemblies' metadata: Platform references no
/// other Glasklar assembly, Privacy only Platform, every portal module only Platform and Privacy.
/// </summary>
public sealed class ModuleReferenceTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Glasklar.Platform"] = [],
        ["Glasklar.Privacy"] = ["Glasklar.Platform"],
    };

    private static readonly string[] PortalModules = ["Glasklar.Referrals", "Glasklar.Claims", "Glasklar.Telematics", "Glasklar.GlassBilling"];

    public static TheoryData<string> Modules()
    {
        var data = new TheoryData<string>();
        foreach (var name in ModuleAssemblies().Select(a => a.GetName().Name!))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_references_only_what_the_architecture_allows(string module)
    {
        var assembly = ModuleAssemblies().Single(a => a.GetName().Name == module);
        var allowed = Allowed.TryGetValue(module, out var rule) ? rule
            : PortalModules.Contains(module) ? ["Glasklar.Platform", "Glasklar.Privacy"]
            : throw new InvalidOperationException($"{module} has no reference rule: add it to this test and to ARCHITECTURE.md.");

        var references = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => n.StartsWith("Glasklar.", StringComparison.Ordinal) || n == "glasklar");

        references.ShouldBeSubsetOf(allowed);
    }

    [Fact]
    public void The_host_composes_every_module()
    {
        var host = typeof(Program).Assembly.GetReferencedAssemblies().Select(r => r.Name).ToList();

        foreach (var module in ModuleAssemblies())
        {
            host.ShouldContain(module.GetName().Name);
        }
    }

    private static IEnumerable<Assembly> ModuleAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "Glasklar.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not null && !n.EndsWith(".Tests", StringComparison.Ordinal) && n != "Glasklar.Testing")
            .Select(n => Assembly.Load(n!))
            .OrderBy(a => a.GetName().Name);
}
