using EdaAspire.Contracts.Orders;
using EdaAspire.Saga.Worker.Orders;

namespace EdaAspire.UnitTests.Saga;

/// <summary>
/// One order through the saga on a simulated platform, in an order the seed picks: the topic delivers
/// events in order (the saga reads its own outcomes back too), competing workers take queued commands
/// in any order and sometimes get one twice, time jumps past deadlines, and the deadline watcher's
/// notices arrive late, some after the saga has moved on.
/// </summary>
internal sealed class SimulatedOrderFlow
{
    private const int MaxSteps = 10_000;

    private readonly Random _random;
    private readonly OrderSaga _saga = new(new SagaTimeouts());
    private readonly Queue<IOrderEvent> _topic = new();
    private readonly List<SendCommand> _queue = [];
    private readonly List<DeadlineExpired> _watcherNotices = [];
    private DateTimeOffset _now = SampleOrder.PlacedAt;

    public SimulatedOrderFlow(int seed)
    {
        _random = new Random(seed);
        Fulfillment = new SimulatedFulfillment(_random, successRate: 0.5 + (_random.NextDouble() / 2));
        _topic.Enqueue(SampleOrder.Placed with { OrderId = new Guid(_random.Next(), 0, 0, new byte[8]) });
    }

    public SimulatedFulfillment Fulfillment { get; }

    public OrderSagaState? State { get; private set; }

    public List<OutgoingMessage> Sent { get; } = [];

    public int Changes { get; private set; }

    public int StaleDeadlinesIgnored { get; private set; }

    public int ResultsRepeated { get; private set; }

    public void Run()
    {
        for (var step = 0; step < MaxSteps && !IsSettled(); step++)
        {
            switch (_random.Next(4))
            {
                case 0 when _topic.Count > 0:
                    Consume(_topic.Dequeue());
                    break;
                case 1 when _queue.Count > 0:
                    Work();
                    break;
                case 2 when _watcherNotices.Count > 0:
                    DeliverNotice();
                    break;
                case 3:
                    PassTime();
                    break;
            }
        }
    }

    private bool IsSettled() =>
        _topic.Count == 0 && _queue.Count == 0 && _watcherNotices.Count == 0 && State is { DeadlineAt: null };

    private SagaDecision Consume(object input)
    {
        var decision = _saga.Handle(State, input, _now);
        if (decision.State is null)
        {
            return decision;
        }

        State = decision.State;
        Changes++;
        Sent.AddRange(decision.Messages);
        foreach (var message in decision.Messages)
        {
            if (message is SendCommand command)
            {
                _queue.Add(command);
            }
            else if (message is PublishEvent publish)
            {
                _topic.Enqueue(publish.Event);
            }
        }

        return decision;
    }

    // A competing worker takes any queued command; sometimes its lock lapses and the command is delivered
    // again later, and sometimes its result is produced twice.
    private void Work()
    {
        var command = _queue[_random.Next(_queue.Count)];
        if (_random.NextDouble() >= 0.1)
        {
            _queue.Remove(command);
        }

        var result = Fulfillment.Handle(command);
        _topic.Enqueue(result);
        if (_random.NextDouble() < 0.05)
        {
            _topic.Enqueue(result);
            ResultsRepeated++;
        }
    }

    private void DeliverNotice()
    {
        var notice = _watcherNotices[_random.Next(_watcherNotices.Count)];
        _watcherNotices.Remove(notice);
        var wasAwaiting = State?.DeadlineAt is not null;
        if (!Consume(notice).Changes && wasAwaiting)
        {
            StaleDeadlinesIgnored++;
        }
    }

    // Mostly short steps, sometimes a long stall past any deadline; the watcher notices what has expired.
    private void PassTime()
    {
        _now += _random.NextDouble() < 0.2
            ? TimeSpan.FromSeconds(_random.Next(25, 90))
            : TimeSpan.FromSeconds(_random.Next(1, 10));
        if (State is { DeadlineAt: { } deadline } && deadline <= _now && !_watcherNotices.Exists(n => n.At == deadline))
        {
            _watcherNotices.Add(new DeadlineExpired(State.OrderId, deadline));
        }
    }
}
