using Microsoft.Extensions.Localization;

// The executable is called "glasklar"; resources live under the Glasklar.Host namespace.
[assembly: RootNamespace("Glasklar.Host")]
