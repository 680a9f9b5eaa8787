using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace EdaAspire.AppHost.Embedded;

/// <summary>
/// The fixed ports a run needs (the services' launch-profile ports, the Aspire dashboard's URLs), checked before
/// start: DCP waits forever for a proxy port another process holds, so a busy port must stop the AppHost with its name.
/// </summary>
public static class FixedPorts
{
    private static readonly string[] DashboardUrlKeys =
        ["ASPNETCORE_URLS", "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"];

    /// <returns>"port (who needs it)" for each fixed port another process already holds.</returns>
    public static IReadOnlyList<string> InUse(IDistributedApplicationBuilder builder)
    {
        // Aspire.Hosting.Testing gives every endpoint a free port instead.
        if (builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts"))
        {
            return [];
        }

        var wanted = builder.Resources
            .SelectMany(r => r.Annotations.OfType<EndpointAnnotation>().Where(e => e.Port is not null).Select(e => (Port: e.Port!.Value, Owner: $"{r.Name} {e.Name}")))
            .Concat(DashboardUrlKeys
                .SelectMany(key => (builder.Configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
                .Select(url => (new Uri(url).Port, Owner: "Aspire dashboard")));
        return [.. wanted.Where(p => p.Port > 0 && !IsFree(p.Port)).Select(p => $"{p.Port} ({p.Owner})").Distinct()];
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
