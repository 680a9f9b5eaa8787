using EdaAspire.Tests.Standalone;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>The Standalone host as a user starts it with <c>--otlp</c>: every service exporting to the given OTLP/HTTP endpoint.</summary>
public static class StandaloneWithOtlp
{
    public static Task<StandaloneHost> StartAsync(Uri otlp) =>
        StandaloneHost.StartAsync(new StandaloneLaunch(RepositoryFiles.StandaloneAssembly, RepositoryFiles.Root)
        {
            Arguments = ["--otlp", otlp.ToString().TrimEnd('/'), "--otlp-protocol", "http/protobuf"],
        });
}
