namespace EdaAspire.IntegrationTests.Observability;

/// <summary>
/// Runs alone, after the parallel tests: the metrics the assertions read come from static meters every host in the
/// process shares, so another test's orders running at the same time would be counted too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Observability";
}
