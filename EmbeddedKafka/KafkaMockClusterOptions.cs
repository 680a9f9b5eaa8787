using EdaAspire.Contracts;

namespace EdaAspire.EmbeddedKafka;

public sealed class KafkaMockClusterOptions
{
    public int Brokers { get; init; } = 3;

    /// <summary>0: a consumer group forms at once instead of waiting ~3 s for more members.</summary>
    public int InitialRebalanceDelayMs { get; init; }

    /// <summary>Created through the mock API, which has no CreateTopics support of its own.</summary>
    public IReadOnlyList<TopicSpec> Topics { get; init; } = Contracts.Topics.All;
}
