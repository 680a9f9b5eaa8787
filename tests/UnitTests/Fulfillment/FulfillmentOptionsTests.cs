using EdaAspire.Saga.Worker.Fulfillment;

namespace EdaAspire.UnitTests.Fulfillment;

public class FulfillmentOptionsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    public void The_retry_delay_doubles_per_delivery_up_to_the_cap(int deliveryCount, int expectedSeconds)
    {
        var options = new FulfillmentOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.RetryDelay(deliveryCount));
    }

    [Fact]
    public void A_zero_base_delay_retries_at_once()
    {
        Assert.Equal(TimeSpan.Zero, new FulfillmentOptions { RetryBaseDelay = TimeSpan.Zero }.RetryDelay(4));
    }
}
