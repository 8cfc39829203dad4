namespace Glasklar.Platform.Navigation;

/// <summary>
/// One entry of the main navigation. Modules add theirs with AddNavigationItem; the layout shows an
/// entry when it has no roles (public) or the user holds one of them.
/// </summary>
/// <param name="Title">German title; the English one comes from the localiser.</param>
public sealed record NavigationItem(string Title, string Path, int Order, params string[] Roles)
{
    public bool IsVisibleTo(Func<string, bool> isInRole) => Roles.Length == 0 || Roles.Any(isInRole);
}
