using EdaAspire.Contracts.Catalog;
using EdaAspire.Web.Dashboard.Catalog;

namespace EdaAspire.DashboardTests.Catalog;

public sealed class CatalogHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static CatalogChange Change(string productId, long version, decimal? before, decimal? after, string? eventId = null) =>
        new(eventId ?? $"{productId}-{version}", productId, before is null ? ChangeOperations.Create : after is null ? ChangeOperations.Delete : ChangeOperations.Update,
            Image(productId, before), Image(productId, after), version, T0.AddSeconds(version), 0, version);

    private static ProductImage? Image(string id, decimal? price) => price is { } p ? new ProductImage(id, id, p, "EUR", true) : null;

    [Fact]
    public void Keeps_each_products_changes_in_the_order_they_came_and_tells_open_pages()
    {
        var history = new CatalogHistory();
        var told = new List<string>();
        history.Changed += c => told.Add(c.EventId);

        history.Add(Change("p-1", 1, null, 2.50m));
        history.Add(Change("p-2", 2, null, 7.50m));
        history.Add(Change("p-1", 3, 2.50m, 2.75m));

        Assert.Equal([1L, 3L], history.Of("p-1").Select(c => c.Version));
        Assert.Equal(ChangeOperations.Update, history.LatestOf("p-1")!.Operation);
        Assert.Equal(["p-1", "p-2"], history.Products());
        Assert.Equal(["p-1-1", "p-2-2", "p-1-3"], told);
        Assert.Empty(history.Of("p-3"));
        Assert.Null(history.LatestOf("p-3"));
    }

    [Fact]
    public void A_copy_under_an_event_id_already_held_is_ignored_and_not_told()
    {
        var history = new CatalogHistory();
        var told = 0;
        history.Changed += _ => told++;

        Assert.True(history.Add(Change("p-1", 1, null, 2.50m)));
        Assert.False(history.Add(Change("p-1", 1, null, 2.50m)));

        Assert.Single(history.Of("p-1"));
        Assert.Equal(1, told);
    }

    [Fact]
    public void Holds_only_the_newest_changes_of_a_product()
    {
        var history = new CatalogHistory(perProduct: 3);

        foreach (var version in Enumerable.Range(1, 5))
        {
            history.Add(Change("p-1", version, version, version + 1));
        }

        Assert.Equal([3L, 4L, 5L], history.Of("p-1").Select(c => c.Version));
    }
}
