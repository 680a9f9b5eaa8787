using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdaAspire.Contracts.Catalog;
using EdaAspire.IntegrationTests.Infrastructure;

namespace EdaAspire.IntegrationTests.Catalog;

/// <summary>Catalog.Api over HTTP on its own SQLite file: the seed, CRUD, optimistic concurrency and validation.</summary>
public sealed class CatalogApiTests : IDisposable
{
    private readonly TempDatabase _file = new("catalog");
    private readonly CatalogApi _api;
    private readonly HttpClient _client;
    private readonly ProductRequests _products;

    public CatalogApiTests()
    {
        _api = new CatalogApi(_file.ConnectionString);
        _client = _api.CreateClient();
        _products = new ProductRequests(_client);
    }

    [Fact]
    public async Task The_seed_gives_three_dozen_priced_products()
    {
        var products = await _client.GetFromJsonAsync("/api/products", CatalogJsonContext.Default.IReadOnlyListProductResponse);

        Assert.Equal(36, products!.Count);
        Assert.Contains(products, p => p.Id == "p-1" && p.Price > 0 && p.Currency == "EUR");
        Assert.Contains(products, p => !p.Active);
    }

    [Fact]
    public async Task A_change_needs_the_current_etag_428_without_one_412_with_a_stale_one()
    {
        var created = await _products.CreateAsync("p-etag", 10m);
        var body = new ProductRequest(null, "Renamed", 11m, "EUR", true);

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await _products.PutAsync("p-etag", body, etag: null)).StatusCode);
        var updated = await _products.PutAsync("p-etag", body, created);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(created, updated.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _products.PutAsync("p-etag", body with { Price = 12m }, created)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _products.DeleteAsync("p-etag", created)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await _products.DeleteAsync("p-etag", etag: null)).StatusCode);

        var current = await _client.GetFromJsonAsync("/api/products/p-etag", CatalogJsonContext.Default.ProductResponse);
        Assert.Equal(("Renamed", 11m), (current!.Name, current.Price));
        Assert.Equal(HttpStatusCode.NoContent, (await _products.DeleteAsync("p-etag", await _products.ETagAsync("p-etag"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/products/p-etag")).StatusCode);
    }

    [Fact]
    public async Task Creating_an_existing_id_is_a_409()
    {
        var response = await _client.PostAsJsonAsync("/api/products", new ProductRequest("p-1", "Again", 1m, "EUR", true));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"id":"p-x","name":"","price":1,"currency":"EUR"}""", "name")]
    [InlineData("""{"id":"p-x","name":"A","price":-1,"currency":"EUR"}""", "price")]
    [InlineData("""{"id":"p-x","name":"A","price":1.005,"currency":"EUR"}""", "price")]
    [InlineData("""{"id":"p-x","name":"A","price":1,"currency":"eur"}""", "currency")]
    [InlineData("""{"id":"bad id","name":"A","price":1,"currency":"EUR"}""", "id")]
    [InlineData("""{"id":"p-x","name":"A","price":"cheap","currency":"EUR"}""", "price")]
    public async Task An_invalid_product_is_a_400_naming_the_field(string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await _client.PostAsync("/api/products", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem.RootElement}");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_products_api()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/products/{id}", document, StringComparison.Ordinal);
        Assert.Contains("UpdateProduct", document, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _client.Dispose();
        _api.Dispose();
        _file.Dispose();
    }
}
