namespace Glasklar.Platform; internal static class Placeholder { }
