using System.Security.Claims;

namespace EdaAspire.Web.Dashboard.Admin;

/// <summary>
/// Who may act on the system (rebuild, purge, resubmit, inject failures, generate load): a user in role
/// <c>admin</c>; anyone while the dashboard runs in Development, where the pages say so.
/// </summary>
public static class AdminPolicy
{
    public const string Name = "Admin";
    public const string Role = "admin";

    public static bool Allows(ClaimsPrincipal? user, AdminMode mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return mode.Open || (user?.IsInRole(Role) ?? false);
    }
}

/// <param name="Open">Development: admin actions need no sign-in.</param>
/// <param name="KeyConfigured">Whether <c>Dashboard:AdminKey</c> is set, i.e. whether anyone can sign in at all.</param>
public sealed record AdminMode(bool Open, bool KeyConfigured);
