using EdaAspire.Contracts.Control;
using EdaAspire.Messaging.Kafka;

namespace EdaAspire.Web.Dashboard.Admin.Control;

/// <summary>Keeps <see cref="ControlState"/> current from topic <c>control</c>.</summary>
public sealed class ControlStateHandler(ControlState state) : IBroadcastHandler
{
    public Task HandleAsync(ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        if (ControlCatalog.Instance.Read(consumed.Envelope.Type, consumed.Envelope.Data) is { } message)
        {
            state.Apply(message, consumed.Position.Offset.Value);
        }

        return Task.CompletedTask;
    }
}
