using Microsoft.AspNetCore.Components.Authorization;

namespace EdaAspire.Web.Dashboard.Admin;

/// <summary>
/// What a component asks before it shows an admin action, and again on the server before it runs one: a hidden
/// button is no protection on its own, the circuit is.
/// </summary>
public sealed class AdminAccess(AuthenticationStateProvider authentication, AdminMode mode)
{
    public AdminMode Mode => mode;

    public async Task<bool> IsAllowedAsync() =>
        AdminPolicy.Allows((await authentication.GetAuthenticationStateAsync()).User, mode);

    /// <exception cref="UnauthorizedAccessException">The user may not act.</exception>
    public async Task DemandAsync()
    {
        if (!await IsAllowedAsync())
        {
            throw new UnauthorizedAccessException("Admin actions need an operator signed in with the admin key.");
        }
    }
}
