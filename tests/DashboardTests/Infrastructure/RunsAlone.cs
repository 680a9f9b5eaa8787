namespace EdaAspire.DashboardTests.Infrastructure;

/// <summary>
/// Tests that start the whole app or the embedded Kafka cluster, or run timers in real time: they run on their own,
/// after the rest, so their threads never starve the timing-sensitive component tests running in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Serial: app, Kafka and real-time tests";
}
