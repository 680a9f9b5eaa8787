using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdaAspire.Persistence;

/// <summary>
/// Brings the database a service owns up to date at startup. Hosted services start in registration
/// order and before the HTTP server, so register it before anything that uses the tables. Replicas may
/// all run it: EF Core serialises concurrent SQL Server migrations with a lock.
/// </summary>
public sealed class SchemaInitializer<TContext>(IServiceScopeFactory scopes, ILogger<SchemaInitializer<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.EnsureSchemaAsync(cancellationToken);
        logger.LogInformation("{Context} schema is up to date ({Provider})", typeof(TContext).Name, db.Database.ProviderName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
