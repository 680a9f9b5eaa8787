using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Configuration;

namespace EdaAspire.UnitTests.Messaging;

/// <summary>librdkafka settings: code defaults, then <c>Kafka:Consumer</c> for every consumer, then one group's own section.</summary>
public class KafkaClientConfigTests
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = "broker:9092",
            ["Kafka:Consumer:statistics.interval.ms"] = "5000",
            ["Kafka:Consumer:Groups:projections:fetch.wait.max.ms"] = "10",
            ["Kafka:Consumer:Groups:projections:statistics.interval.ms"] = "2000",
        })
        .Build();

    [Fact]
    public void A_group_section_overrides_the_consumer_section_for_that_group_only()
    {
        var projections = KafkaClientConfig.Consumer(Configuration, "projections");
        var saga = KafkaClientConfig.Consumer(Configuration, "saga");

        Assert.Equal((10, 2000), (projections.FetchWaitMaxMs, projections.StatisticsIntervalMs));
        Assert.Equal((100, 5000), (saga.FetchWaitMaxMs, saga.StatisticsIntervalMs));
        Assert.Equal(("broker:9092", "saga"), (saga.BootstrapServers, saga.GroupId));
    }

    [Fact]
    public void A_group_section_is_not_taken_for_a_librdkafka_property()
    {
        var config = KafkaClientConfig.Consumer(Configuration, "projections");

        Assert.DoesNotContain(config, setting => setting.Key.StartsWith("Groups", StringComparison.Ordinal));
    }
}
