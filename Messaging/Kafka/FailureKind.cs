using System.Data.Common;
using System.Net.Sockets;
using Confluent.Kafka;

namespace EdaAspire.Messaging.Kafka;

/// <summary>
/// Whether a handler's failure can be the record's fault. An unreachable database, broker or HTTP endpoint, a timeout or
/// a concurrency conflict is the world's fault: retrying helps, and parking the record would only hide an outage.
/// </summary>
public static class FailureKind
{
    public static bool IsTransient(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException or IOException or SocketException or HttpRequestException or KafkaException
                || current.GetType().Name.Contains("Concurrency", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return error is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient);
    }
}
