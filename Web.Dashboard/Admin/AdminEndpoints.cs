using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EdaAspire.Web.Dashboard.Admin;

/// <summary>
/// Sign-in with the admin key and sign-out: plain form posts (with antiforgery), because only an HTTP response can
/// set the cookie that the Blazor circuit then carries.
/// </summary>
public static class AdminEndpoints
{
    public const string LoginPage = "/admin/login";

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").WithTags("Admin");
        // Antiforgery is checked in the handler, so that the refusal says why: the automatic check answers a bare 400.
        // The form is a key, a return address and the token: a few KiB at most, so a bigger one is refused while it is
        // read (400), not buffered up to the framework's megabytes.
        admin.MapPost("/login", LoginAsync).WithName("AdminLogin").DisableAntiforgery()
            .WithFormOptions(valueCountLimit: 16, keyLengthLimit: 64, valueLengthLimit: 4096, multipartBodyLengthLimit: 16 * 1024);
        // A Delegate, not a RequestDelegate: its result is the response.
        admin.MapPost("/logout", (Delegate)LogoutAsync).WithName("AdminLogout");
        return app;
    }

    /// <summary>
    /// A form the sign-in page did not send (no or a bad antiforgery token) is refused with a 400 ProblemDetails; a wrong
    /// or missing key goes back to the sign-in page, which says it failed, as a person at the form expects. Neither signs
    /// in, and every redirect is to a path on this site.
    /// </summary>
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> LoginAsync(
        [FromForm] string? key, [FromForm] string? returnUrl, HttpContext context, AdminKey adminKey, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign in from the sign-in page",
                detail: "The form's antiforgery token is missing or invalid.");
        }

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

    /// <summary>Whatever the request carries, a sign-out to the home page: it only ever takes the operator's rights away.</summary>
    public static async Task<RedirectHttpResult> LogoutAsync(HttpContext context)
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
