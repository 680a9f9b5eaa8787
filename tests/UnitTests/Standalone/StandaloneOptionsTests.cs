using EdaAspire.Standalone;

namespace EdaAspire.UnitTests.Standalone;

public class StandaloneOptionsTests
{
    [Fact]
    public void Defaults_match_the_launch_profiles()
    {
        var options = StandaloneOptions.Parse([])!;

        Assert.Equal(5180, options.IngestionPort);
        Assert.Equal(5190, options.DashboardPort);
        Assert.Null(options.OtlpEndpoint);
    }

    [Fact]
    public void Parses_every_option()
    {
        var options = StandaloneOptions.Parse(["--otlp", "http://localhost:4317", "--ingestion-port", "0", "--dashboard-port", "6000", "--data", "/tmp/x"])!;

        Assert.Equal("http://localhost:4317", options.OtlpEndpoint);
        Assert.Equal(0, options.IngestionPort);
        Assert.Equal(6000, options.DashboardPort);
        Assert.Equal("/tmp/x", options.DataPath);
    }

    [Fact]
    public void Help_returns_null()
    {
        Assert.Null(StandaloneOptions.Parse(["--help"]));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--otlp")]
    [InlineData("--ingestion-port", "70000")]
    public void Bad_arguments_are_refused_with_a_message(params string[] args)
    {
        var ex = Assert.Throws<ArgumentException>(() => StandaloneOptions.Parse(args));
        Assert.NotEmpty(ex.Message);
    }
}
