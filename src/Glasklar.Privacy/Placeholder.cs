namespace Glasklar.Privacy; internal static class Placeholder { }
