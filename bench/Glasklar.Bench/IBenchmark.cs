namespace Glasklar.Bench;

/// <summary>
/// One benchmark, selected by name on the command line: <c>dotnet run -c Release --project bench/Glasklar.Bench -- NAME [args]</c>.
/// Benchmarks print their figures; they never pass or fail a build.
/// </summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
