using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace EdaAspire.Web.Dashboard;

/// <summary>
/// A form declared in a charset .NET refuses to decode (UTF-7, disabled as unsafe) throws NotSupportedException while the
/// framework reads it, past the binding's own 400 and 415: the client's 415, not a 500 of ours. Browsers send forms in
/// UTF-8.
/// </summary>
internal sealed class UnsupportedCharset(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Only that case: another NotSupportedException (one of ours) stays a server error.
        if (exception is not NotSupportedException || !httpContext.Request.HasFormContentType || !DeclaresOtherCharset(httpContext.Request))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Title = "Unsupported charset", Detail = "Send the form in UTF-8." },
        });
    }

    private static bool DeclaresOtherCharset(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.Charset.HasValue
        && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
}
