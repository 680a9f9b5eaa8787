using System.Net;
using System.Net.Http.Json;
using EdaAspire.Contracts.Catalog;

namespace EdaAspire.IntegrationTests.Catalog;

/// <summary>Catalog.Api's calls as a client makes them: each change with the ETag it last saw.</summary>
public sealed class ProductRequests(HttpClient client)
{
    public async Task<string> CreateAsync(string id, decimal price, string name = "Test product")
    {
        var response = await client.PostAsJsonAsync("/api/products", new ProductRequest(id, name, price, "EUR", true));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    public async Task<string> ETagAsync(string id)
    {
        var response = await client.GetAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    public async Task<HttpResponseMessage> PutAsync(string id, ProductRequest body, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/products/{id}") { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> DeleteAsync(string id, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/products/{id}");
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Sets a price with the current ETag; returns the new ETag.</summary>
    public async Task<string> RepriceAsync(string id, decimal price, string name = "Test product")
    {
        var response = await PutAsync(id, new ProductRequest(null, name, price, "EUR", true), await ETagAsync(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }
}
