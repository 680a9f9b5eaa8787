using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdaAspire.Persistence;

public static class SqlDbContextExtensions
{
    /// <summary>The context of a database this service owns: registered, and its schema brought up to date at startup.</summary>
    public static IHostApplicationBuilder AddOwnedSqlDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        builder.AddSqlDbContext<TContext>(connectionName);
        builder.Services.AddHostedService<SchemaInitializer<TContext>>();
        return builder;
    }

    /// <summary>
    /// A pooled context on <c>ConnectionStrings:{connectionName}</c> with a health check — what Aspire's
    /// SQL Server EF integration registers, here for SQL Server or SQLite by the connection string.
    /// </summary>
    public static IHostApplicationBuilder AddSqlDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set.");
        builder.Services.AddDbContextPool<TContext>(options => options.Use(connectionString));
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(connectionName, tags: ["ready", "sql"]);
        return builder;
    }
}
