using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EdaAspire.Web.Dashboard.Admin;

/// <summary>
/// Sign-in with the admin key and sign-out: plain form posts (with antiforgery), because only an HTTP response can
/// set or clear the cookie that the Blazor circuit then carries.
/// </summary>
public static class AdminEndpoints
{
    public const string LoginPage = "/admin/login";

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        // Antiforgery is checked by a filter of the group, so that the refusal says why: the automatic check answers a
        // bare 400. A form is a key, a return address and the token: a few KiB at most, so a bigger one is refused while
        // it is read (400), not buffered up to the framework's megabytes.
        var admin = app.MapGroup("/admin").WithTags("Admin")
            .DisableAntiforgery()
            .WithFormOptions(valueCountLimit: 16, keyLengthLimit: 64, valueLengthLimit: 4096, multipartBodyLengthLimit: 16 * 1024)
            .AddEndpointFilter(RequireAntiforgeryAsync);
        admin.MapPost("/login", LoginAsync).WithName("AdminLogin");
        admin.MapPost("/logout", LogoutAsync).WithName("AdminLogout");
        return app;
    }

    /// <summary>
    /// A form this site's pages did not send (no or a bad antiforgery token) is refused with a 400 ProblemDetails. A filter
    /// runs after binding, so the form was read within its limits first (a body that is no form is a 400 or 415).
    /// </summary>
    private static async ValueTask<object?> RequireAntiforgeryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context.HttpContext)
            ? await next(context)
            : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Send the form from the dashboard's own page",
                detail: "The form's antiforgery token is missing or invalid.");

    /// <summary>
    /// A wrong or missing key goes back to the sign-in page, which says it failed, as a person at the form expects; every
    /// redirect is to a path on this site.
    /// </summary>
    public static async Task<RedirectHttpResult> LoginAsync([FromForm] string? key, [FromForm] string? returnUrl, HttpContext context, AdminKey adminKey)
    {
        if (!adminKey.Matches(key))
        {
            return TypedResults.LocalRedirect($"~{LoginPage}?failed=true");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, AdminPolicy.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.LocalRedirect(LocalOrRoot(returnUrl));
    }

    /// <summary>
    /// Only from the dashboard's own sign-out form (the group's antiforgery filter): without the token another site could
    /// sign the operator out, a nuisance, and in the middle of an operation a harmful one. Goes to the home page.
    /// </summary>
    /// <param name="form">Bound, though only its token counts, so that the framework reads it as it reads the sign-in form:
    /// within the limits, and a body that is no form is a 400 or 415, not an exception in the antiforgery check.</param>
    public static async Task<RedirectHttpResult> LogoutAsync(IFormCollection form, HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("~/");
    }

    /// <summary>Only a path on this site: an open redirect after sign-in would be a phishing tool.</summary>
    private static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? "~" + url
            : "~/";
}
