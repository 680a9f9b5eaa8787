using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace EdaAspire.Tests.Aspire;

/// <summary>
/// Whether ingestion can price orders yet. Its health only says its copy of topic <c>catalog</c> read the topic as it was
/// at start; the connector may publish the seeded products after that (late on a busy machine), and until they arrive
/// orders are refused as unknown products.
/// </summary>
public static class CatalogCopy
{
    /// <summary>Waits until ingestion's copy holds at least every product the catalog lists; on a miss, says what it saw.</summary>
    public static async Task WaitUntilCompleteAsync(EmbeddedSystem system, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        using var http = new HttpClient();
        var products = new Uri(system.App.GetEndpoint("catalog", "http"), "/api/products");
        var pricing = new Uri(system.IngestionUrl, "/api/pricing");
        var seen = "no answer yet";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            try
            {
                var listed = (await http.GetFromJsonAsync<JsonElement>(products, cancellationToken)).GetArrayLength();
                var copied = (await http.GetFromJsonAsync<JsonElement>(pricing, cancellationToken)).GetProperty("products").GetInt32();
                if (listed > 0 && copied >= listed)
                {
                    return;
                }

                seen = $"the catalog lists {listed} products, ingestion's copy holds {copied}";
            }
            catch (HttpRequestException ex)
            {
                seen = ex.Message;
            }

            // A poll of the two services, not a wait for time to pass.
            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException(
            $"Ingestion did not copy the catalog within {limit.TotalSeconds} s: {seen}.\n{system.Tail("catalog-cdc", 20)}\n{system.Tail("ingestion", 20)}");
    }
}
