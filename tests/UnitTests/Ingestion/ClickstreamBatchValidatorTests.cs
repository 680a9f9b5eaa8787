using EdaAspire.Contracts.Clickstream;
using EdaAspire.Ingestion.Api.Clickstream;

namespace EdaAspire.UnitTests.Ingestion;

public class ClickstreamBatchValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private static ClickEvent Valid(string type = ClickEventTypes.PageViewed) => new(
        type, "s-1", null, ClickEventTypes.ProductScoped.Contains(type) ? "p-1" : null,
        type == ClickEventTypes.Searched ? "shoes" : null, "/", Now.AddSeconds(-1));

    private static Dictionary<string, string[]> Validate(params ClickEvent?[] events) =>
        ClickstreamBatchValidator.Validate(new ClickstreamBatch(events), Now, Skew);

    [Fact]
    public void Every_event_type_passes_when_complete()
    {
        var errors = Validate(ClickEventTypes.All.Select(t => (ClickEvent?)Valid(t)).ToArray());

        Assert.Empty(errors);
    }

    [Fact]
    public void Missing_events_array_names_the_events_field()
    {
        var errors = ClickstreamBatchValidator.Validate(new ClickstreamBatch(null), Now, Skew);

        Assert.Equal(["events"], errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Batch_size_must_be_1_to_1000(int count)
    {
        var errors = Validate(Enumerable.Repeat<ClickEvent?>(Valid(), count).ToArray());

        Assert.Contains($"it holds {count}", Assert.Single(errors["events"]));
    }

    [Fact]
    public void A_full_batch_of_1000_passes()
    {
        Assert.Empty(Validate(Enumerable.Repeat<ClickEvent?>(Valid(), 1000).ToArray()));
    }

    [Fact]
    public void Errors_name_the_field_and_the_index()
    {
        var errors = Validate(Valid(), Valid() with { SessionId = " " }, Valid() with { Type = "teleported" });

        Assert.Equal(["events[1].sessionId", "events[2].type"], errors.Keys.Order());
        Assert.Contains("teleported", errors["events[2].type"][0]);
    }

    [Fact]
    public void Product_events_need_a_product_and_searches_a_query()
    {
        var errors = Validate(
            Valid(ClickEventTypes.AddedToCart) with { ProductId = null },
            Valid(ClickEventTypes.Searched) with { Query = "" });

        Assert.Equal(["events[0].productId", "events[1].query"], errors.Keys.Order());
    }

    [Fact]
    public void Timestamps_must_be_present_and_not_in_the_future()
    {
        var errors = Validate(Valid() with { Timestamp = default }, Valid() with { Timestamp = Now + Skew + TimeSpan.FromSeconds(1) }, Valid() with { Timestamp = Now + Skew });

        Assert.Equal(["events[0].timestamp", "events[1].timestamp"], errors.Keys.Order());
    }

    [Fact]
    public void Lengths_are_limited()
    {
        var errors = Validate(
            Valid() with { SessionId = new string('s', 129) },
            Valid() with { Url = "/" + new string('u', 2048) },
            Valid() with { UserId = new string('x', 129) });

        Assert.Equal(["events[0].sessionId", "events[1].url", "events[2].userId"], errors.Keys.Order());
    }

    [Fact]
    public void A_null_event_is_reported_at_its_index()
    {
        Assert.Equal(["events[1]"], Validate(Valid(), null).Keys);
    }

    [Fact]
    public void Reporting_stops_after_the_cap()
    {
        var errors = Validate(Enumerable.Repeat<ClickEvent?>(Valid() with { Url = "" }, 1000).ToArray());

        Assert.Equal(ClickstreamBatchValidator.MaxReportedFields, errors.Count);
    }
}
