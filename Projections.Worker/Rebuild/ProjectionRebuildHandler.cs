using EdaAspire.Contracts.Control;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Projections.Worker.Rebuild;

/// <summary>
/// Carries out <see cref="ProjectionRebuildRequested"/> from topic <c>control</c>: empties the projection (once, across
/// all workers) and tells this process's subscription to seek to the emptied checkpoints, so every worker replays the
/// partitions it owns.
/// </summary>
public sealed class ProjectionRebuildHandler(ProjectionReset reset, SubscriptionRewinds rewinds, ILogger<ProjectionRebuildHandler> logger) : IBroadcastHandler
{
    public async Task HandleAsync(ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        if (ControlCatalog.Instance.Read(consumed.Envelope.Type, consumed.Envelope.Data) is not ProjectionRebuildRequested request)
        {
            return;
        }

        if (ProjectionTables.Of(request.Projection) is not { } tables)
        {
            logger.LogWarning("Rebuild {RequestId} names projection {Projection}, which this worker does not have", request.RequestId, request.Projection);
            return;
        }

        var emptied = await reset.ResetAsync(tables, consumed.Position.Offset.Value, request.FromOffset, cancellationToken);
        // The subscription is named after its projection (its checkpoints carry that name).
        rewinds.Request(tables.Projection);
        logger.LogInformation("Rebuild {RequestId} of projection {Projection}: {Done}; replaying {Topic} from {From}",
            request.RequestId, tables.Projection, emptied ? "emptied it" : "applied before, rewinding only", tables.Topic,
            request.FromOffset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the start");
    }
}
