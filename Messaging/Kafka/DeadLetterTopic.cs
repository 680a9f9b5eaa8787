using System.Globalization;
using System.Text;
using Confluent.Kafka;
using EdaAspire.Contracts;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// Where a subscription parks a record it cannot handle, so the partition behind it moves on: topic
/// <c>&lt;topic&gt;.deadletter</c>, the same key, body and CloudEvents headers, plus <c>dlt_*</c> headers that say
/// where the record came from, which group gave up on it and why. One topic per source topic, shared by the groups
/// (a record may be poison to one projection and fine for another); replaying it is producing it back to its topic.
/// </summary>
public sealed class DeadLetterTopic(IProducer<string, byte[]> producer)
{
    public const string OriginalTopicHeader = "dlt_original_topic";
    public const string OriginalPartitionHeader = "dlt_original_partition";
    public const string OriginalOffsetHeader = "dlt_original_offset";
    public const string GroupHeader = "dlt_group";
    public const string ErrorTypeHeader = "dlt_error_type";
    public const string ReasonHeader = "dlt_reason";

    private const int MaxReasonLength = 1024;

    public static string For(string topic) => Topics.DeadLetterOf(topic);

    /// <summary>Returns once the broker acknowledged the copy; only then may the checkpoint move past the original.</summary>
    public async Task ParkAsync(ConsumedEvent consumed, string consumerGroup, Exception error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        ArgumentNullException.ThrowIfNull(error);
        var headers = KafkaEnvelopeHeaders.Write(consumed.Envelope, consumed.Envelope.Trace);
        Add(headers, OriginalTopicHeader, consumed.Position.Topic);
        Add(headers, OriginalPartitionHeader, consumed.Position.Partition.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, OriginalOffsetHeader, consumed.Position.Offset.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, GroupHeader, consumerGroup);
        Add(headers, ErrorTypeHeader, error.GetType().Name);
        Add(headers, ReasonHeader, error.Message.Length <= MaxReasonLength ? error.Message : error.Message[..MaxReasonLength]);
        await producer.ProduceAsync(
            For(consumed.Position.Topic),
            new Message<string, byte[]> { Key = consumed.Key ?? "", Value = consumed.Envelope.Data.ToArray(), Headers = headers },
            cancellationToken);
    }

    private static void Add(Headers headers, string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));
}
