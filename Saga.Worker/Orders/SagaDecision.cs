namespace EdaAspire.Saga.Worker.Orders;

/// <summary>
/// What one input does to a saga: the new state and the messages to send, committed together
/// (state row + outbox). A null <see cref="State"/> means nothing changes and nothing is sent.
/// </summary>
public sealed record SagaDecision(OrderSagaState? State, IReadOnlyList<OutgoingMessage> Messages)
{
    public static SagaDecision None { get; } = new(null, []);

    public bool Changes => State is not null;
}
