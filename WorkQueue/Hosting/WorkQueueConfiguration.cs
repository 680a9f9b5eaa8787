using Microsoft.Extensions.Configuration;

namespace EdaAspire.WorkQueue.Hosting;

/// <summary>
/// Reads a queue's settings from <c>WorkQueues:&lt;queue&gt;</c> (e.g. <c>WorkQueues__fulfillment__MaxDeliveryCount=5</c>),
/// so a host can set them the way Aspire sets the Service Bus entity.
/// </summary>
internal static class WorkQueueConfiguration
{
    public const string SectionName = "WorkQueues";

    public static WorkQueueOptions Read(IConfiguration configuration, string queueName)
    {
        var section = configuration.GetSection(SectionName).GetSection(queueName);
        var defaults = new WorkQueueOptions { QueueName = queueName };
        return defaults with
        {
            LockDuration = section.GetValue(nameof(WorkQueueOptions.LockDuration), defaults.LockDuration),
            MaxDeliveryCount = section.GetValue(nameof(WorkQueueOptions.MaxDeliveryCount), defaults.MaxDeliveryCount),
            DuplicateDetectionWindow = section.GetValue(nameof(WorkQueueOptions.DuplicateDetectionWindow), defaults.DuplicateDetectionWindow),
            ReceivePollInterval = section.GetValue(nameof(WorkQueueOptions.ReceivePollInterval), defaults.ReceivePollInterval),
            MaxReceivePollInterval = section.GetValue(nameof(WorkQueueOptions.MaxReceivePollInterval), defaults.MaxReceivePollInterval),
            PrefetchCount = section.GetValue(nameof(WorkQueueOptions.PrefetchCount), defaults.PrefetchCount),
        };
    }
}
