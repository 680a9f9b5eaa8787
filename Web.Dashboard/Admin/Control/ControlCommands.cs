using EdaAspire.Contracts;
using EdaAspire.Contracts.Control;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Web.Dashboard.Admin.Control;

/// <summary>
/// Sends operator commands on topic <c>control</c>, which every Saga.Worker and Projections.Worker process follows:
/// one message reaches all replicas, in whatever process or container they run.
/// </summary>
public sealed class ControlCommands(EventPublisher publisher, AdminAccess access, TimeProvider time)
{
    public const string Source = "/web-dashboard/admin";

    public async Task ChangeFaultsAsync(IReadOnlyList<SimulatorFaults> simulators, CancellationToken cancellationToken)
    {
        var invalid = simulators.FirstOrDefault(s => !s.IsValid);
        if (invalid is not null)
        {
            throw new ArgumentException($"{invalid.Simulator}: rates go from 0 to 1, latency from 0 to 600,000 ms.", nameof(simulators));
        }

        await SendAsync(new FulfillmentFaultsChanged(simulators, time.GetUtcNow()), cancellationToken);
    }

    /// <returns>The request's id.</returns>
    public async Task<string> RequestRebuildAsync(string projection, long? fromOffset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset ?? 0, nameof(fromOffset));
        var request = new ProjectionRebuildRequested(Guid.NewGuid().ToString("N"), projection, fromOffset, time.GetUtcNow());
        await SendAsync(request, cancellationToken);
        return request.RequestId;
    }

    private async Task SendAsync(IControlMessage message, CancellationToken cancellationToken)
    {
        // Checked here too, not only by the page: whoever calls this is acting on the whole system.
        await access.DemandAsync();
        var catalog = ControlCatalog.Instance;
        var envelope = new EventEnvelope(Guid.NewGuid().ToString(), catalog.TypeOf(message), Source, time.GetUtcNow(), catalog.Serialize(message));
        await publisher.PublishAsync(Topics.Control, new OutgoingEvent(ControlCatalog.Key, envelope), cancellationToken);
    }
}
