namespace EdaAspire.Saga.Worker.Orders;

/// <summary>
/// The deadline watcher's input: the deadline <paramref name="At"/> of <paramref name="OrderId"/> has passed.
/// <paramref name="At"/> is the deadline the watcher saw, so one the saga has since moved past is recognised as stale.
/// </summary>
public sealed record DeadlineExpired(Guid OrderId, DateTimeOffset At);
