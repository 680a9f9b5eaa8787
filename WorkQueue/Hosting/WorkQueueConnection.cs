using System.Data.Common;
using EdaAspire.WorkQueue.Sqlite;

namespace EdaAspire.WorkQueue.Hosting;

/// <summary>
/// Picks the adapter that <c>ConnectionStrings:messaging</c> names: a SQLite <c>Data Source=…</c> is the embedded
/// queue; <c>Endpoint=…</c> is Service Bus (SAS key or Entra ID), whose adapter is not part of this build yet.
/// </summary>
public sealed record WorkQueueConnection(string ConnectionString, string MessagingSystem)
{
    public const string ServiceBusSystem = "servicebus";

    public static WorkQueueConnection Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "The work queue has no connection string: set ConnectionStrings:messaging to 'Data Source=<file>' (embedded) or a Service Bus 'Endpoint=…'.");
        }

        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (keys.ContainsKey("Endpoint"))
        {
            throw new NotSupportedException(
                "The Service Bus adapter is not available yet: ConnectionStrings:messaging names a Service Bus namespace (Endpoint=…). " +
                "Use a SQLite 'Data Source=<file>' connection string for the embedded work queue.");
        }

        if (keys.ContainsKey("Data Source") || keys.ContainsKey("DataSource") || keys.ContainsKey("Filename"))
        {
            return new WorkQueueConnection(connectionString, SqliteWorkQueue.MessagingSystem);
        }

        throw new InvalidOperationException(
            "ConnectionStrings:messaging is neither a SQLite 'Data Source=<file>' nor a Service Bus 'Endpoint=…' connection string.");
    }

    /// <summary>The bare adapter, without telemetry (<see cref="Telemetry.InstrumentedWorkQueue"/> adds it).</summary>
    public IWorkQueue Open(WorkQueueOptions options, TimeProvider? timeProvider = null) =>
        new SqliteWorkQueue(ConnectionString, options, timeProvider);
}
