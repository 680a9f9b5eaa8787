using EdaAspire.Messaging.Kafka;

namespace EdaAspire.UnitTests.Messaging;

public class BrokerAvailabilityTests
{
    [Fact]
    public void All_brokers_down_is_cleared_by_statistics_showing_a_broker_up()
    {
        var brokers = new BrokerAvailability();
        brokers.ReportAllBrokersDown();
        Assert.True(brokers.AllBrokersDown);

        brokers.ReportStatistics("""{"name":"p","brokers":{"127.0.0.1:1/1":{"state":"DOWN"},"127.0.0.1:2/2":{"state":"UP"}}}""");

        Assert.False(brokers.AllBrokersDown);
    }

    [Fact]
    public void Statistics_with_no_broker_up_mean_all_down_once_the_client_was_connected()
    {
        var brokers = new BrokerAvailability();
        brokers.ReportStatistics("""{"brokers":{"a/1":{"state":"UP"},"b/2":{"state":"INIT"}}}""");
        Assert.False(brokers.AllBrokersDown);

        brokers.ReportStatistics("""{"brokers":{"a/1":{"state":"CONNECT"},"b/2":{"state":"DOWN"}}}""");

        Assert.True(brokers.AllBrokersDown);
    }

    [Fact]
    public void Statistics_before_any_broker_was_up_mean_still_connecting_not_down()
    {
        var brokers = new BrokerAvailability();

        brokers.ReportStatistics("""{"brokers":{"a/1":{"state":"TRY_CONNECT"},"b/2":{"state":"INIT"}}}""");

        Assert.False(brokers.AllBrokersDown);
    }
}
