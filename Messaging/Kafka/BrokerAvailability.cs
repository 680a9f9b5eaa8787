using System.Text.Json;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// What a client last learned about its brokers: librdkafka says "all brokers down" through its error
/// callback and reports each broker's state in its statistics. Lets a publisher refuse at once
/// instead of queueing work that can only time out.
/// </summary>
public sealed class BrokerAvailability
{
    private volatile bool _allDown;
    private volatile bool _connected;

    public bool AllBrokersDown => _allDown;

    internal void ReportAllBrokersDown() => _allDown = true;

    /// <summary>
    /// Reads librdkafka's statistics JSON: any broker in state UP means reachable again; none UP means all down, but
    /// only once the client has been connected: before that it is still connecting (slowly, on a busy machine).
    /// </summary>
    internal void ReportStatistics(string statisticsJson)
    {
        using var document = JsonDocument.Parse(statisticsJson);
        if (!document.RootElement.TryGetProperty("brokers", out var brokers))
        {
            return;
        }

        foreach (var broker in brokers.EnumerateObject())
        {
            if (broker.Value.TryGetProperty("state", out var state) && state.ValueEquals("UP"u8))
            {
                _connected = true;
                _allDown = false;
                return;
            }
        }

        if (_connected)
        {
            _allDown = true;
        }
    }
}
