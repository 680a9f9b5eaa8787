using System.ComponentModel.DataAnnotations;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>How the fulfillment workers run (section <c>Fulfillment</c>); read on every retry, so a change applies at once.</summary>
public sealed class FulfillmentOptions
{
    public const string SectionName = "Fulfillment";

    /// <summary>Receive loops in this process, each handling one message at a time. Read at startup.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 4;

    /// <summary>The backoff after the first failed delivery; it doubles with every further delivery.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Exponential backoff: base × 2^(delivery − 1), capped at <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryDelay(int deliveryCount)
    {
        var doublings = Math.Clamp(deliveryCount - 1, 0, 30);
        var delay = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, doublings);
        return TimeSpan.FromMilliseconds(Math.Min(delay, RetryMaxDelay.TotalMilliseconds));
    }
}
