using Confluent.Kafka;
using EdaAspire.Contracts.Catalog;
using EdaAspire.IntegrationTests.Infrastructure;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.IntegrationTests.Catalog;

/// <summary>A record of topic <c>catalog</c> as a consumer reads it: its place, key, CloudEvents id and type, and body.</summary>
public sealed record CatalogRecord(int Partition, long Offset, string Key, string Id, string Type, byte[]? Value, ProductChanged? Change)
{
    public bool IsTombstone => Value is null;

    /// <summary>Every record of the topic, in each partition's order.</summary>
    public static List<CatalogRecord> ReadAll(KafkaProbe kafka, string topic)
    {
        var total = (int)kafka.MessagesIn(topic);
        var records = kafka.ReadAll(topic, total).Select(From).ToList();
        Assert.Equal(total, records.Count);
        return [.. records.OrderBy(r => r.Partition).ThenBy(r => r.Offset)];
    }

    /// <summary>What a consumer that dedupes by event id applies: each id's first copy, in each partition's order.</summary>
    public static List<CatalogRecord> Deduplicated(IEnumerable<CatalogRecord> records)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. records.Where(r => seen.Add(r.Id))];
    }

    private static CatalogRecord From(ConsumeResult<string, byte[]> record)
    {
        Assert.True(KafkaEnvelopeHeaders.TryRead(record.Message.Headers, record.Message.Value, out var envelope, out var problem), problem);
        var change = record.Message.Value is null ? null : (ProductChanged?)CatalogEventCatalog.Instance.Read(envelope.Type, record.Message.Value);
        return new CatalogRecord(record.Partition.Value, record.Offset.Value, record.Message.Key, envelope.Id, envelope.Type, record.Message.Value, change);
    }
}
