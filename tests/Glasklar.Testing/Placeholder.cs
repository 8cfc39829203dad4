namespace Glasklar.Testing; public static class Placeholder { }
