namespace EdaAspire.AppHost.Embedded.Sqlite;

public static class SqliteBuilderExtensions
{
    /// <summary>
    /// A SQLite file in the run's data folder, handed over as <c>ConnectionStrings__&lt;name&gt;</c> = <c>Data Source=…</c>:
    /// the services read <c>Data Source=</c> as SQLite (a database, or the embedded work queue) and <c>Server=</c> as SQL Server.
    /// </summary>
    public static IResourceBuilder<ConnectionStringResource> AddSqliteFile(this IDistributedApplicationBuilder builder, string name, DataFolder data, string file)
    {
        var path = Path.Combine(data.Path, file + ".db");
        return builder.AddConnectionString(name, ReferenceExpression.Create($"Data Source={path}"))
            .WithIconName("Database");
    }
}
