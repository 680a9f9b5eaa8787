using Confluent.Kafka;
using Confluent.Kafka.Admin;
using EdaAspire.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// Creates the event log's topics with their partition counts before the service starts producing;
/// otherwise a broker that auto-creates topics would make them with its default of one partition.
/// Aspire's Kafka resource creates none. Topics that exist are left alone (the embedded cluster makes
/// its own, and its admin API has no CreateTopics; it keeps every record, compacted topics too).
/// </summary>
public sealed class KafkaTopicProvisioner(IAdminClient admin, IReadOnlyList<TopicSpec> topics, ILogger<KafkaTopicProvisioner> logger) : IHostedService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // All-topics metadata: asking for one topic by name would auto-create it.
            var existing = await Task.Run(() => admin.GetMetadata(Timeout), cancellationToken);
            var known = existing.Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);
            foreach (var topic in topics.Where(t => known.TryGetValue(t.Name, out var count) && count < t.Partitions))
            {
                logger.LogWarning("Topic {Topic} has {Count} partitions, fewer than the {Wanted} consumers are sized for", topic.Name, known[topic.Name], topic.Partitions);
            }

            var missing = topics.Where(t => !known.ContainsKey(t.Name))
                .Select(t => new TopicSpecification
                {
                    Name = t.Name,
                    NumPartitions = t.Partitions,
                    ReplicationFactor = -1,
                    Configs = t.Compacted ? new Dictionary<string, string> { ["cleanup.policy"] = "compact" } : null,
                })
                .ToList();
            if (missing.Count > 0)
            {
                await admin.CreateTopicsAsync(missing, new CreateTopicsOptions { RequestTimeout = Timeout, OperationTimeout = Timeout });
                logger.LogInformation("Created topics {Topics}", missing.Select(t => $"{t.Name} ({t.NumPartitions} partitions)"));
            }
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another replica created them first.
        }
        catch (KafkaException ex)
        {
            logger.LogWarning(ex, "Could not check or create the Kafka topics; producing may auto-create them with the broker's defaults");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
