using EdaAspire.ReadModels;

namespace EdaAspire.Projections.Worker;

/// <summary>
/// Applies the read-model schema at startup: this worker owns the read side, so it migrates it
/// (EF Core serialises concurrent migrations with a lock, so replicas may all try).
/// </summary>
internal sealed class ReadModelsSchemaInitializer(IServiceScopeFactory scopes, ILogger<ReadModelsSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadModelsDbContext>();
        await db.EnsureSchemaAsync(cancellationToken);
        logger.LogInformation("Read-model schema is up to date ({Provider})", db.Database.ProviderName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
