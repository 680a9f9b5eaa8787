using EdaAspire.Contracts;

namespace EdaAspire.Web.Dashboard.Overview;

/// <summary>
/// The saga's outbox backlog, the one number that says whether its relay keeps up, asked of the saga
/// (<c>GET /api/outbox</c>): its database is its own.
/// </summary>
public sealed class SagaOutbox(ServiceAnswers services)
{
    public const string ServiceName = "saga";

    /// <returns>The backlog, or null when no saga is referenced.</returns>
    /// <exception cref="HttpRequestException">The saga did not answer (the sample shows no backlog then).</exception>
    public async Task<long?> BacklogAsync(CancellationToken cancellationToken) =>
        (await services.AskAsync(ServiceName, "/api/outbox", ContractsJsonContext.Default.SagaOutboxStatus, cancellationToken))?.Backlog;
}
