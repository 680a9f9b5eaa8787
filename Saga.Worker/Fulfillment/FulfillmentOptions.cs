using System.ComponentModel.DataAnnotations;
using EdaAspire.ServiceDefaults;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>How the fulfillment workers run (section <c>Fulfillment</c>); read on every retry, so a change applies at once.</summary>
public sealed class FulfillmentOptions
{
    public const string SectionName = "Fulfillment";

    /// <summary>
    /// Commands handled at once in this process. Read at startup. Sized by Little's law for the target throughput
    /// (BENCHMARKS.md); a handler waiting on a simulator costs no thread.
    /// </summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 160;

    /// <summary>The backoff after the first failed delivery; it doubles with every further delivery.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause before redelivery <paramref name="deliveryCount"/>: base × 2^(delivery − 1), capped at <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryDelay(int deliveryCount) => ExponentialBackoff.Delay(deliveryCount, RetryBaseDelay, RetryMaxDelay);
}
