using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Catalog;
using EdaAspire.Contracts.Orders;
using EdaAspire.EmbeddedKafka;
using EdaAspire.LoadTest.Measurement;
using EdaAspire.LoadTest.Reporting;
using EdaAspire.LoadTest.Requests;
using EdaAspire.LoadTest.Target;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace EdaAspire.LoadTest.Scenarios;

/// <summary>
/// Change data capture and the order path's prices. <b>Visibility</b>: a price committed to the catalog's database (by
/// SQL, as any code that publishes nothing would) is timed until an order at that price is accepted (409 before: the
/// line's price is not the catalog's yet), through the trigger's change record, the connector, topic <c>catalog</c> and
/// ingestion's copy. <b>Throughput</b>: a burst of updates drained by the connector into Kafka (after an untimed smaller
/// one, as the other scenarios warm up), against a raw producer sending records of the same size and keys (Confluent's
/// producer with the services' config, a mock cluster of its own).
/// </summary>
public static class CatalogRun
{
    public const string Name = "catalog";
    private const int Edits = 100;
    private const int BurstRounds = 600; // × the 36 seeded products: 21,600 changes
    private const int WarmUpRounds = 100; // untimed: the timed burst then meets a warm connector, as the other scenarios' timed loads do
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private static readonly string[] Edited = ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6"];

    public static async Task<ScenarioResult> RunAsync(ISystemUnderTest system, LoadTestOptions options, CancellationToken cancellationToken)
    {
        await using var harness = await ScenarioHarness.OpenAsync(Name, system, options, cancellationToken);
        var warmUp = await harness.WaitForOrdersAsync(new OrderMix().NextBody(), cancellationToken);
        await using var catalog = new SqliteConnection($"Data Source={system.CatalogPath};Default Timeout=30");
        await catalog.OpenAsync(cancellationToken);

        var visibility = new LatencySamples();
        var refused = 0;
        for (var i = 0; i < Edits; i++)
        {
            var product = Edited[i % Edited.Length];
            var price = Math.Round(20m + (i * 0.01m), 2);
            await ExecuteAsync(catalog, $"UPDATE Products SET Price = '{price.ToString(CultureInfo.InvariantCulture)}', Version = Version + 1 WHERE Id = '{product}'", cancellationToken);
            var committed = Stopwatch.StartNew();
            refused += await PlaceAtAsync(harness.Http, product, price, i, committed, cancellationToken);
            visibility.Add(committed.Elapsed);
        }

        await BurstAsync(catalog, WarmUpRounds, cancellationToken);
        var (changes, drained, written) = await BurstAsync(catalog, BurstRounds, cancellationToken);
        var connectorRate = changes / drained.TotalSeconds;
        var raw = RawProduce(changes, cancellationToken);
        var rawRate = changes / raw.TotalSeconds;

        var metrics = new MetricList
        {
            { "warm-up order", warmUp.TotalMilliseconds, "ms" },
            { "price edits", Edits, "count" },
            { "orders refused (409) while the price travelled", refused, "count" },
        };
        metrics.AddLatency("price commit → order path", visibility.Summarise());
        metrics.Add("warm-up burst changes (not timed)", WarmUpRounds * changes / BurstRounds, "count");
        metrics.Add("burst changes", changes, "count");
        metrics.Add("burst written in", written.TotalMilliseconds, "ms");
        metrics.Add("connector changes/s", connectorRate, "changes/s");
        metrics.Add("raw producer msg/s, same records", rawRate, "msg/s");
        metrics.Add("connector ÷ raw", connectorRate / rawRate, "ratio");
        return await harness.FinishAsync(metrics, [
            "Visibility: from the UPDATE's commit to the first 202 of an order at the new price (an upper bound: it includes the HTTP round trips of the polling orders).",
            "Throughput: from the burst's first commit until the connector's checkpoint reached the last change, after an untimed burst of the same kind; the raw producer sends the same number of records of the same size and keys.",
        ]);
    }

    /// <returns>How many orders were refused before one at <paramref name="price"/> was accepted.</returns>
    private static async Task<int> PlaceAtAsync(HttpClient http, string product, decimal price, int edit, Stopwatch since, CancellationToken cancellationToken)
    {
        var order = new PlaceOrderRequest($"c-price-{edit}", [new OrderLineRequest(product, 1, price)], "EUR",
            new ShippingAddress("Price Watcher", "1 Load Street", null, "Testville", "12345", "DE"));
        var body = JsonSerializer.SerializeToUtf8Bytes(order, ContractsJsonContext.Default.PlaceOrderRequest);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonBody.Content(body) };
            request.Headers.Add("Idempotency-Key", $"lt-price-{edit}-{attempt}-{Guid.NewGuid():N}");
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return attempt;
            }

            if (response.StatusCode != HttpStatusCode.Conflict || since.Elapsed > Limit)
            {
                throw new InvalidOperationException($"Edit {edit} ({product} at {price}): {(int)response.StatusCode} after {since.Elapsed.TotalSeconds:F1} s: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            await Task.Delay(2, cancellationToken); // a tight poll: the figure is the price's travel, not the poll's
        }
    }

    /// <returns>The changes written, how long the connector took to publish them all, and how long writing them took.</returns>
    private static async Task<(int Changes, TimeSpan Drained, TimeSpan Written)> BurstAsync(SqliteConnection catalog, int rounds, CancellationToken cancellationToken)
    {
        var products = (int)await ScalarAsync(catalog, "SELECT COUNT(*) FROM Products", cancellationToken);
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round += 50)
        {
            await using var transaction = catalog.BeginTransaction();
            for (var i = round; i < Math.Min(round + 50, rounds); i++)
            {
                await ExecuteAsync(catalog, "UPDATE Products SET Price = Price + 0.01, Version = Version + 1", cancellationToken, transaction);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var written = clock.Elapsed;
        var last = await ScalarAsync(catalog, "SELECT MAX(Version) FROM ProductChanges", cancellationToken);
        while (await ScalarAsync(catalog, "SELECT Position FROM CaptureCheckpoints WHERE Source = 'Products'", cancellationToken) < last)
        {
            if (clock.Elapsed > Limit)
            {
                throw new TimeoutException($"The connector did not publish the burst within {Limit.TotalSeconds} s.");
            }

            await Task.Delay(5, cancellationToken);
        }

        return (products * rounds, clock.Elapsed, written);
    }

    /// <summary>The same number of product-change records (same keys, a body of the same shape and size), produced raw.</summary>
    private static TimeSpan RawProduce(int count, CancellationToken cancellationToken)
    {
        using var cluster = KafkaMockCluster.Start();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = cluster.BootstrapServers })
            .Build();
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var id = $"p-{1 + (i % 36)}";
            var before = new ProductImage(id, $"Product {id}", 10m + (i * 0.01m), "EUR", true);
            var change = new ProductChanged(id, ChangeOperations.Update, before, before with { Price = before.Price + 0.01m },
                new ChangeSource("sqlite", "Products", i + 1, DateTimeOffset.UtcNow));
            var envelope = new EventEnvelope(Guid.NewGuid().ToString(), CatalogEventCatalog.ProductChangedType, "urn:edaaspire:catalog",
                DateTimeOffset.UtcNow, CatalogEventCatalog.Instance.Serialize(change)) { Subject = id };
            return new Message<string, byte[]> { Key = id, Value = envelope.Data.ToArray(), Headers = KafkaEnvelopeHeaders.Write(envelope, default) };
        }).ToList();

        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientConfig.Producer(configuration)).Build();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            while (true)
            {
                try
                {
                    producer.Produce(Topics.Catalog, message, r => _ = r.Error.IsError ? Interlocked.Increment(ref failed) : 0);
                    break;
                }
                catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }
        }

        producer.Flush(cancellationToken);
        return failed == 0 ? clock.Elapsed : throw new InvalidOperationException($"{failed} raw deliveries failed.");
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
