using EdaAspire.Contracts.Control;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Saga.Worker.FaultInjection;

/// <summary>Applies each <see cref="FulfillmentFaultsChanged"/> on topic <c>control</c> to this process's simulators.</summary>
public sealed class FulfillmentFaultsHandler(FaultOverrides overrides, ILogger<FulfillmentFaultsHandler> logger) : IBroadcastHandler
{
    public Task HandleAsync(ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        if (ControlCatalog.Instance.Read(consumed.Envelope.Type, consumed.Envelope.Data) is FulfillmentFaultsChanged change)
        {
            overrides.Apply(change);
            logger.LogInformation("Failure injection from {ChangedAt:O}: {Simulators}", change.ChangedAt,
                string.Join("; ", change.Simulators.Select(s =>
                    $"{s.Simulator} permanent {s.PermanentFailureRate:P0}, transient {s.TransientFailureRate:P0}, poison {s.PoisonRate:P0}, {s.LatencyMilliseconds} ms")));
        }

        return Task.CompletedTask;
    }
}
