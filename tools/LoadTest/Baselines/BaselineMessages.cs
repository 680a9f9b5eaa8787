using Confluent.Kafka;
using EdaAspire.Workload;

namespace EdaAspire.LoadTest.Baselines;

/// <summary>The records the ingest API produces for the same click mix, so the raw baselines move the same bytes.</summary>
public static class BaselineMessages
{
    public static List<Message<string, byte[]>> Build(int count)
    {
        var mix = new ClickMix();
        var now = DateTimeOffset.UtcNow;
        return Enumerable.Range(0, count).Select(_ => IngestEnvelope.Record(mix.Next(now))).ToList();
    }

    public static int AverageSize(IReadOnlyList<Message<string, byte[]>> messages) =>
        (int)messages.Take(1000).Average(m => m.Key.Length + m.Value.Length + m.Headers.Sum(h => h.Key.Length + h.GetValueBytes().Length));
}
