using EdaAspire.Contracts.Catalog;
using EdaAspire.Ingestion.Api.Pricing;

namespace EdaAspire.UnitTests.Ingestion;

public class PriceBookTests
{
    private static readonly ProductImage Coffee = new("p-1", "Coffee", 10m, "EUR", true);

    private static CatalogPrice Change(string operation, ProductImage? before, ProductImage? after, long version) =>
        CatalogPrice.From(new ProductChanged("p-1", operation, before, after, new ChangeSource("sqlite", "Products", version, DateTimeOffset.UnixEpoch)));

    [Fact]
    public void A_newer_change_replaces_the_price_and_an_older_or_equal_one_does_not()
    {
        var book = new PriceBook();

        Assert.True(book.Apply(Change(ChangeOperations.Create, null, Coffee, 3)));
        Assert.True(book.Apply(Change(ChangeOperations.Update, Coffee, Coffee with { Price = 12m }, 5)));
        Assert.False(book.Apply(Change(ChangeOperations.Update, Coffee, Coffee with { Price = 11m }, 4)));
        Assert.False(book.Apply(Change(ChangeOperations.Update, Coffee, Coffee with { Price = 13m }, 5)));

        Assert.Equal((12m, 5L), (book.Find("p-1")!.Price, book.Find("p-1")!.Version));
    }

    [Fact]
    public void A_delete_makes_the_product_unorderable_and_a_create_replayed_after_it_does_not_bring_it_back()
    {
        var book = new PriceBook();
        book.Apply(Change(ChangeOperations.Delete, Coffee, null, 8));

        Assert.False(book.Apply(Change(ChangeOperations.Create, null, Coffee, 2)));
        Assert.Equal((false, true), (book.Find("p-1")!.Orderable, book.Find("p-1")!.Deleted));
    }

    [Fact]
    public void A_tombstone_deletes_at_the_version_held_so_a_later_create_of_the_same_id_still_applies()
    {
        var book = new PriceBook();
        book.Apply(Change(ChangeOperations.Create, null, Coffee, 3));

        Assert.Equal(3, book.MarkDeleted("p-1")!.Version);
        Assert.False(book.Find("p-1")!.Orderable);
        Assert.Null(book.MarkDeleted("p-1"));
        Assert.Null(book.MarkDeleted("p-unknown"));
        Assert.True(book.Apply(Change(ChangeOperations.Create, null, Coffee with { Price = 9m }, 4)));
        Assert.True(book.Find("p-1")!.Orderable);
    }

    [Fact]
    public void An_inactive_product_is_known_but_not_orderable()
    {
        var price = Change(ChangeOperations.Update, Coffee, Coffee with { Active = false }, 6);

        Assert.Equal((10m, "EUR", false), (price.Price, price.Currency, price.Orderable));
    }

    [Fact]
    public void The_newer_of_two_reads_wins_and_null_loses()
    {
        var older = Change(ChangeOperations.Create, null, Coffee, 1);
        var newer = Change(ChangeOperations.Update, Coffee, Coffee with { Price = 2m }, 2);

        Assert.Same(newer, CatalogPrice.Newer(older, newer));
        Assert.Same(newer, CatalogPrice.Newer(newer, older));
        Assert.Same(older, CatalogPrice.Newer(null, older));
        Assert.Null(CatalogPrice.Newer(null, null));
    }
}
