using System.Diagnostics.Metrics;

namespace EdaAspire.Saga.Worker.Outbox;

/// <summary>How many messages wait in the outbox: a growing backlog means the relay cannot reach a broker.</summary>
public sealed class OutboxBacklog
{
    public const string MeterName = "EdaAspire.Saga";
    private long _count;

    public OutboxBacklog(IMeterFactory meters) =>
        meters.Create(MeterName).CreateObservableGauge(
            "saga.outbox.backlog", () => Interlocked.Read(ref _count), "{message}", "Messages stored by sagas and not yet sent.");

    public long Count => Interlocked.Read(ref _count);

    public void Observe(long count) => Interlocked.Exchange(ref _count, count);
}
