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
        // Antiforgery is checked in the handler: the automatic check answers 400 without a body, which the status-code
        // pages then re-execute as a page, reading the rejected form a second time (a 500).
        admin.MapPost("/login", LoginAsync).WithName("AdminLogin").DisableAntiforgery();
        // A Delegate, not a RequestDelegate: its result is the response.
        admin.MapPost("/logout", (Delegate)LogoutAsync).WithName("AdminLogout");
        return app;
    }

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
