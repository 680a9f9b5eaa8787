namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>
/// Links a trace id to its view in the Aspire dashboard, when <c>Dashboard:AspireDashboardUrl</c> says where that
/// is. Without it (no Aspire, no OTLP viewer) the page shows the bare id, which is still worth copying.
/// </summary>
public sealed class TraceLinks(string? aspireDashboardUrl)
{
    public const string ConfigurationKey = "Dashboard:AspireDashboardUrl";

    private readonly string? _baseUrl = Uri.TryCreate(aspireDashboardUrl, UriKind.Absolute, out var url)
        ? url.ToString().TrimEnd('/')
        : null;

    public static TraceLinks From(IConfiguration configuration) => new(configuration[ConfigurationKey]);

    /// <returns>The trace's page in the Aspire dashboard, or null when there is no trace or no dashboard.</returns>
    public Uri? For(string? traceId) =>
        _baseUrl is null || string.IsNullOrEmpty(traceId) ? null : new Uri($"{_baseUrl}/traces/detail/{Uri.EscapeDataString(traceId)}");
}
