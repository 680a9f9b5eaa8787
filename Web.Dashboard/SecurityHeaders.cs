namespace EdaAspire.Web.Dashboard;

/// <summary>
/// Browser hardening on every response: no MIME sniffing, never inside a frame (the admin buttons must not be
/// clickjacked), no referrer carrying order ids to other sites, forms and base URLs only to this origin.
/// Scripts and styles are left to their defaults: Blazor and MudBlazor need inline styles and the circuit's socket.
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
