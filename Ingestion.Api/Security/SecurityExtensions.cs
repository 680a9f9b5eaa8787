using System.Globalization;
using System.Threading.RateLimiting;
using EdaAspire.ServiceDefaults;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EdaAspire.Ingestion.Api.Security;

/// <summary>Who may call the API and how often: API keys when configured, a per-client rate limit always.</summary>
public static class SecurityExtensions
{
    public const string ClientPolicy = "ingestion-client";

    public static IHostApplicationBuilder AddIngestionSecurity(this IHostApplicationBuilder builder)
    {
        var keys = new ApiKeyRing(builder.Configuration.GetSection("Ingestion:ApiKeys").AsEnumerable(makePathsRelative: true));
        builder.Services.AddSingleton(keys);
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(ClientPolicy, policy =>
        {
            if (keys.IsEnabled)
            {
                policy.RequireAuthenticatedUser();
            }
            else
            {
                policy.RequireAssertion(_ => true); // no keys configured: open, as in development and the standalone host
            }
        });

        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration("Ingestion:RateLimit").ValidateOnStart();
        builder.Services.AddRateLimiter(rateLimiter =>
        {
            rateLimiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            rateLimiter.AddPolicy(ClientPolicy, context => PerClient(context, context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value));
            rateLimiter.OnRejected = static (rejected, cancellationToken) => RejectAsync(rejected, cancellationToken);
        });
        return builder;
    }

    /// <summary>Authentication, authorisation and the limiter, in that order: the limiter partitions by the authenticated client.</summary>
    public static WebApplication UseIngestionSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    public static RouteGroupBuilder RequireIngestionClient(this RouteGroupBuilder group) =>
        group.RequireAuthorization(ClientPolicy).RequireRateLimiting(ClientPolicy);

    private static RateLimitPartition<string> PerClient(HttpContext context, RateLimitOptions limits)
    {
        var client = context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        return limits.PermitsPerSecond <= 0
            ? RateLimitPartition.GetNoLimiter(client)
            : RateLimitPartition.Get(client, _ => new ElapsedTimeTokenBucket(limits.PermitsPerSecond, Math.Max(limits.Burst, 1), clock));
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"This client's rate limit is used up; retry after {seconds} s.").ExecuteAsync(rejected.HttpContext);
    }
}
