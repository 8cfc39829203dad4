namespace Glasklar.Platform;

/// <summary>Marker for the platform pages' texts: German keys, English in Resources/PlatformTexts.en.resx.</summary>
public sealed class PlatformTexts;
