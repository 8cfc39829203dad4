namespace Glasklar.Testing;

/// <summary>Locates the checkout and the shared test data beside it (never copied into the repo).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/data next to the checkout (OpenStreetMap extracts and other test data).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "glasklar.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("glasklar.slnx not found above " + AppContext.BaseDirectory);
    }
}
