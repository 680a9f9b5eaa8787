using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Saga.Worker.Orders;

namespace EdaAspire.UnitTests.Saga;

/// <summary>
/// Feeds inputs to <see cref="OrderSaga"/> the way the host will: the state a decision returns is the
/// state of the next call, and every message of every decision is kept as sent.
/// </summary>
internal sealed class OrderSagaRun(SagaTimeouts timeouts)
{
    private readonly OrderSaga _saga = new(timeouts);

    public OrderSagaRun()
        : this(new SagaTimeouts())
    {
    }

    public SagaTimeouts Timeouts { get; } = timeouts;

    public DateTimeOffset Now { get; private set; } = SampleOrder.PlacedAt;

    public OrderSagaState? State { get; private set; }

    public List<OutgoingMessage> Sent { get; } = [];

    public IEnumerable<IFulfillmentCommand> Commands => Sent.OfType<SendCommand>().Select(m => m.Command);

    public IEnumerable<IOrderEvent> Published => Sent.OfType<PublishEvent>().Select(m => m.Event);

    public OrderSagaState Current => State ?? throw new InvalidOperationException("No saga yet.");

    /// <summary>Runs the placement and the given results in order, one second apart.</summary>
    public static OrderSagaRun Through(params object[] inputs)
    {
        var run = new OrderSagaRun();
        run.Apply(SampleOrder.Placed);
        foreach (var input in inputs)
        {
            run.Advance(TimeSpan.FromSeconds(1)).Apply(input);
        }

        return run;
    }

    public OrderSagaRun Advance(TimeSpan elapsed)
    {
        Now += elapsed;
        return this;
    }

    public SagaDecision Apply(object input)
    {
        var decision = _saga.Handle(State, input, Now);
        if (decision.State is { } next)
        {
            State = next;
            Sent.AddRange(decision.Messages);
        }

        return decision;
    }

    /// <summary>Lets the current deadline pass and feeds the watcher's notice of it.</summary>
    public SagaDecision ExpireDeadline()
    {
        var deadline = Current.DeadlineAt ?? throw new InvalidOperationException("No deadline set.");
        Now = deadline + TimeSpan.FromMilliseconds(1);
        return Apply(new DeadlineExpired(SampleOrder.Id, deadline));
    }
}
