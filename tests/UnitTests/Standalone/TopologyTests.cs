using EdaAspire.Standalone;

namespace EdaAspire.UnitTests.Standalone;

public class TopologyTests
{
    private static readonly IReadOnlyList<ServiceDefinition> Services =
        Topology.Build(new StandaloneOptions { OtlpEndpoint = "http://collector:4317" }, "127.0.0.1:9092", "/data");

    private static ServiceDefinition Get(string name) => Services.Single(s => s.Name == name);

    [Fact]
    public void Runs_the_four_services_from_their_built_assemblies()
    {
        Assert.Equal(["ingestion", "projections", "saga", "dashboard"], Services.Select(s => s.Name));
        Assert.All(Services, s => Assert.True(File.Exists(s.AssemblyPath), s.AssemblyPath));
    }

    [Fact]
    public void Gives_each_service_the_connection_strings_aspire_would()
    {
        Assert.Equal("127.0.0.1:9092", Get("ingestion").Environment["ConnectionStrings__kafka"]);
        Assert.Equal("Data Source=/data/ingestion.db", Get("ingestion").Environment["ConnectionStrings__ingestion"]);
        Assert.Equal("http://127.0.0.1:5190", Get("ingestion").Environment["services__dashboard__http__0"]);
        Assert.Equal("Data Source=/data/readmodels.db", Get("projections").Environment["ConnectionStrings__readmodels"]);
        Assert.Equal("Data Source=/data/sagas.db", Get("saga").Environment["ConnectionStrings__sagas"]);
        Assert.Equal("Data Source=/data/messaging.db", Get("saga").Environment["ConnectionStrings__messaging"]);
        Assert.Equal("http://127.0.0.1:5180", Get("dashboard").Environment["services__ingestion__http__0"]);
        Assert.DoesNotContain("ConnectionStrings__readmodels", Get("ingestion").Environment.Keys);
        Assert.Equal("/data/archive", Get("projections").Environment["Archive__Directory"]);
    }

    [Fact]
    public void Points_every_service_at_the_otlp_endpoint_under_its_own_name()
    {
        Assert.All(Services, s =>
        {
            Assert.Equal("http://collector:4317", s.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.Equal(s.Name, s.Environment["OTEL_SERVICE_NAME"]);
        });
    }
}
