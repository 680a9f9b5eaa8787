namespace EdaAspire.Web.Dashboard;

/// <summary>
/// What an error becomes. A browser navigating to a page gets a page: the error page for an exception (outside
/// Development, which shows the developer page), the not-found page for an error status without a body. Everything else,
/// the JSON API and the form posts, gets ProblemDetails (a 404 or 405 of routing, a 400 or 415 of a request that does not
/// bind, a 500): re-executing a page would answer an API client with HTML, and a POST would reach a page only for GET.
/// </summary>
internal static class ErrorAnswers
{
    public static WebApplication UseErrorAnswers(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();

        // The pages' handlers on the app itself, not in a branch: only there can a re-execution route to the page again.
        // They are outside the ProblemDetails handlers, so they see only what those leave alone: a navigation's errors.
        if (!development)
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(context => !IsPageNavigation(context), others =>
        {
            if (!development)
            {
                others.UseExceptionHandler(); // ProblemDetails, or what an IExceptionHandler such as UnsupportedCharset says
            }

            others.UseStatusCodePages(); // ProblemDetails
        });
        return app;
    }

    private static bool IsPageNavigation(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
