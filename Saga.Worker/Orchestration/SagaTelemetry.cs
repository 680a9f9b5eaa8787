using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdaAspire.Saga.Worker.Orders;
using EdaAspire.Saga.Worker.Outbox;

namespace EdaAspire.Saga.Worker.Orchestration;

/// <summary>
/// The saga's spans (outbox relay, deadline expiry) and its outcome metric, on the host's meter factory like
/// <see cref="OutboxBacklog"/>; ServiceDefaults subscribes to every "EdaAspire.*" source and meter.
/// </summary>
public sealed class SagaTelemetry
{
    public const string StatusAttribute = "eda.saga.status";
    public const string OrderIdAttribute = "eda.order.id";

    public static readonly ActivitySource Source = new(OutboxBacklog.MeterName);

    private readonly Counter<long> _outcomes;

    public SagaTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _outcomes = meters.Create(OutboxBacklog.MeterName).CreateCounter<long>(
            "eda.saga.outcomes", "{order}", "Sagas that reached a terminal state, by eda.saga.status (confirmed, cancelled).");
    }

    public static bool IsTerminal(OrderSagaStatus status) => status is OrderSagaStatus.Confirmed or OrderSagaStatus.Cancelled;

    /// <summary>Counts the sagas a committed transaction took from an open state to a terminal one.</summary>
    public void RecordOutcomes(IEnumerable<OrderSagaStatus> terminal)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        foreach (var status in terminal)
        {
            _outcomes.Add(1, new KeyValuePair<string, object?>(StatusAttribute, status.ToString().ToLowerInvariant()));
        }
    }
}
