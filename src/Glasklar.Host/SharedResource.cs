namespace Glasklar.Host;

/// <summary>
/// Marker for the shared UI texts. Keys are the German texts themselves (German is the default
/// culture); Resources/SharedResource.en.resx holds the English translations.
/// </summary>
public sealed class SharedResource;
