using EdaAspire.Web.Dashboard.Orders;

namespace EdaAspire.DashboardTests.Orders;

public sealed class EventFormattingTests
{
    [Fact]
    public void A_payload_is_indented_and_keeps_its_characters() =>
        Assert.Equal("{\n  \"name\": \"Zoë <3\",\n  \"n\": 1\n}", PrettyJson.Format("{\"name\":\"Zoë <3\",\"n\":1}").ReplaceLineEndings("\n"));

    [Fact]
    public void A_payload_that_is_not_json_is_shown_as_it_is() => Assert.Equal("{ not json", PrettyJson.Format("{ not json"));

    [Theory]
    [InlineData("http://localhost:18888")]
    [InlineData("http://localhost:18888/")]
    public void A_trace_links_to_its_detail_page_in_the_aspire_dashboard(string url) =>
        Assert.Equal(new Uri("http://localhost:18888/traces/detail/4bf92f3577b34da6a3ce929d0e0e4736"), new TraceLinks(url).For("4bf92f3577b34da6a3ce929d0e0e4736"));

    [Theory]
    [InlineData(null, "4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("", "4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("not a url", "4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("http://localhost:18888", null)]
    public void Without_a_dashboard_or_a_trace_there_is_no_link(string? url, string? traceId) => Assert.Null(new TraceLinks(url).For(traceId));
}
