using System.Security.Cryptography;
using EdaAspire.Contracts;
using EdaAspire.Contracts.Orders;
using EdaAspire.Ingestion.Api.Data;
using EdaAspire.Ingestion.Api.Idempotency;
using EdaAspire.Ingestion.Api.Pricing;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.Ingestion.Api.Orders;

/// <summary>The outcome of placing an order.</summary>
public abstract record PlacementResult
{
    /// <summary>OrderPlaced is in the log (now, or by an earlier attempt with the same key).</summary>
    public sealed record Placed(Guid OrderId) : PlacementResult;

    /// <summary>The key was used before with a different body.</summary>
    public sealed record KeyReused(Guid OrderId) : PlacementResult;

    /// <summary>The catalog copy did not price it (<see cref="PricingResult.Refused"/> or <see cref="PricingResult.CatchingUp"/>); nothing was stored.</summary>
    public sealed record NotPriced(PricingResult Pricing) : PlacementResult;
}

/// <summary>
/// Places an order exactly once per (customer, Idempotency-Key): the order id and the event id derive from
/// that pair, a record remembers the body's fingerprint, and OrderPlaced is (re)published until Kafka has
/// acknowledged it. A duplicate copy in the log is harmless: it carries the same event id, which every
/// consumer deduplicates (so a copy republished after a price change loses to the first one in the log).
/// </summary>
public sealed class OrderPlacement(IngestionDbContext db, OrderPricing pricing, EventPublisher publisher, TimeProvider clock, ILogger<OrderPlacement> logger)
{
    private const string Source = "urn:edaaspire:ingestion";

    public static Guid OrderIdFor(string customerId, string idempotencyKey) =>
        DeterministicId.Create($"order:{customerId}:{idempotencyKey}");

    /// <exception cref="KafkaUnavailableException">Kafka did not take the event; the same request can be retried.</exception>
    public async Task<PlacementResult> PlaceAsync(PlaceOrderRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(request);
        var existing = await db.OrderRequests.FindAsync([request.CustomerId, idempotencyKey], cancellationToken);
        if (existing is not null && existing.RequestHash != fingerprint)
        {
            return new PlacementResult.KeyReused(existing.OrderId);
        }

        if (existing?.PublishedAt is not null)
        {
            // A retry of a placed order is answered alike, at the price it was placed at, whatever the catalog says now.
            return new PlacementResult.Placed(existing.OrderId);
        }

        var pricingResult = await pricing.PriceAsync(request, cancellationToken);
        if (pricingResult is not PricingResult.Priced { Lines: var lines })
        {
            return new PlacementResult.NotPriced(pricingResult);
        }

        var record = existing ?? await CreateAsync(request, idempotencyKey, fingerprint, cancellationToken);
        if (record.RequestHash != fingerprint)
        {
            return new PlacementResult.KeyReused(record.OrderId);
        }

        if (record.PublishedAt is null)
        {
            await publisher.PublishAsync(Topics.Orders, ToEvent(request, lines, record), cancellationToken);
            record.PublishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            // Ids only: the body holds the customer's address, which has no place in a log.
            logger.LogInformation("Order {OrderId} placed: OrderPlaced acknowledged by Kafka", record.OrderId);
        }

        return new PlacementResult.Placed(record.OrderId);
    }

    private async Task<OrderRequest> CreateAsync(PlaceOrderRequest request, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var record = new OrderRequest
        {
            CustomerId = request.CustomerId,
            IdempotencyKey = key,
            OrderId = OrderIdFor(request.CustomerId, key),
            RequestHash = fingerprint,
            PlacedAt = clock.GetUtcNow(),
        };
        db.OrderRequests.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return record;
        }
        catch (DbUpdateException)
        {
            // A concurrent request with the same key stored its record first: answer as it does.
            db.ChangeTracker.Clear();
            return await db.OrderRequests.SingleAsync(r => r.CustomerId == request.CustomerId && r.IdempotencyKey == key, cancellationToken);
        }
    }

    private static OutgoingEvent ToEvent(PlaceOrderRequest request, IReadOnlyList<OrderLine> lines, OrderRequest record)
    {
        // PlacedAt comes from the record, so a republished event is byte-for-byte the first one.
        var placed = new OrderPlaced(
            record.OrderId,
            request.CustomerId,
            lines,
            request.Currency,
            lines.Sum(l => l.Quantity * l.UnitPrice),
            request.ShippingAddress!,
            record.PlacedAt);
        var catalog = OrderEventCatalog.Instance;
        var envelope = new EventEnvelope(
            DeterministicId.Create($"{record.OrderId}:placed").ToString(),
            catalog.TypeOf(placed),
            Source,
            record.PlacedAt,
            catalog.Serialize(placed))
        {
            Subject = record.OrderId.ToString(),
            CorrelationId = record.OrderId.ToString(),
        };
        return new OutgoingEvent(record.OrderId.ToString(), envelope);
    }

    private static string Fingerprint(PlaceOrderRequest request) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, ContractsJsonContext.Default.PlaceOrderRequest)));
}
