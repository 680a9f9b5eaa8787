namespace EdaAspire.Ingestion.Api.Security;

/// <summary>Per-client token bucket (<c>Ingestion:RateLimit</c>): a client is its API key's name, else its IP address.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per second a client may sustain; 0 turns the limiter off.</summary>
    public int PermitsPerSecond { get; set; } = 1000;

    /// <summary>Requests a client may send at once after being idle.</summary>
    public int Burst { get; set; } = 2000;
}
