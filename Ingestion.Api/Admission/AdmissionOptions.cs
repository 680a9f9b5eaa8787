using System.ComponentModel.DataAnnotations;

namespace EdaAspire.Ingestion.Api.Admission;

/// <summary>When Ingestion.Api refuses new orders because the order saga is too far behind (section <c>Ingestion:Admission</c>).</summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Ingestion:Admission";

    /// <summary>Off: orders are never refused for the saga's backlog (e.g. to measure what overload does without it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Shed while the saga has more events of topic <c>orders</c> than this still to handle.</summary>
    [Range(1, long.MaxValue)]
    public long MaxSagaLag { get; set; } = 1_000;

    /// <summary>Shed while the saga's outbox holds more unsent messages than this.</summary>
    [Range(1, long.MaxValue)]
    public long MaxOutboxBacklog { get; set; } = 1_000;

    /// <summary>
    /// Shed while more commands than this wait in the fulfillment queue for a worker: where the backlog gathers when the
    /// workers, not the saga, are the bound (at about a hundred commands a second, 500 wait about five seconds).
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxQueueDepth { get; set; } = 500;

    /// <summary>How often the saga is asked for its backlog.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Bound on one call to the saga; a call that takes longer counts as the saga not answering.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the saga's last answer counts. A failed call keeps it until then, so one slow answer from a busy saga does
    /// not open the doors; a saga silent for longer no longer sheds (the log is durable, and it catches up when back).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxAnswerAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What a refused client is told to wait (<c>Retry-After</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
