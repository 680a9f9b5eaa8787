using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Orders;

/// <summary>Collects one input's effect — the state as it changes and the messages to send — into one decision.</summary>
internal sealed class SagaTransition(OrderSagaState state)
{
    private readonly List<OutgoingMessage> _messages = [];

    public OrderSagaState State { get; private set; } = state;

    public SagaTransition Update(Func<OrderSagaState, OrderSagaState> change)
    {
        State = change(State);
        return this;
    }

    public SagaTransition Send(IFulfillmentCommand command)
    {
        _messages.Add(new SendCommand(command, SagaMessageIds.For(command)));
        return this;
    }

    public SagaTransition Publish(IOrderEvent outcome)
    {
        _messages.Add(new PublishEvent(outcome, SagaMessageIds.For(outcome)));
        return this;
    }

    public SagaDecision Decide() => new(State with { Version = State.Version + 1 }, _messages);
}
