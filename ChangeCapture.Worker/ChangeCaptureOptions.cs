using System.ComponentModel.DataAnnotations;

namespace EdaAspire.ChangeCapture.Worker;

public sealed class ChangeCaptureOptions
{
    public const string Section = "ChangeCapture";

    /// <summary>How long the connector waits before reading the change record again once it has caught up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The longest wait between reads: each read that finds nothing doubles the wait from <see cref="PollInterval"/> up
    /// to this, so an idle catalog costs two reads a second rather than ten, and the first change after a quiet spell
    /// waits at most this long.
    /// </summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Changes read, published and checkpointed together.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>The wait before reading again after a failure (Kafka or the database unavailable).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
