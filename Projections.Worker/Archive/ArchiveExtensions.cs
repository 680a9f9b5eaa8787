using EdaAspire.Contracts;
using EdaAspire.Messaging.Kafka;
using Microsoft.Extensions.Options;

namespace EdaAspire.Projections.Worker.Archive;

public static class ArchiveExtensions
{
    /// <summary>Its own group: the archive reads every event of both topics at its own pace (pub/sub).</summary>
    public const string ConsumerGroup = "archive";

    /// <summary>
    /// The archive sink (state transfer into a "data lake"): every event of <c>clickstream</c> and <c>orders</c>, exactly
    /// once, into JSON Lines files under <c>Archive:Directory</c>. Batch settings bind from <c>Archive</c> as well.
    /// </summary>
    public static IHostApplicationBuilder AddArchive(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ArchiveOptions>().BindConfiguration(ArchiveOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ArchiveTelemetry>();
        builder.Services.AddSingleton(sp => new ArchiveLayout(sp.GetRequiredService<IOptions<ArchiveOptions>>().Value.Directory));

        return builder.AddKafkaSubscription<ArchiveWriter, ArchiveCheckpoints>(ConsumerGroup, ArchiveOptions.SectionName, s =>
        {
            s.GroupId = ConsumerGroup;
            s.Topics = [Topics.Clickstream, Topics.Orders];

            // No files yet means nothing archived yet: the whole log is to be written.
            s.WithoutCheckpoint = StartPosition.Beginning;
        });
    }
}
