using System.Data.Common;
using EdaAspire.WorkQueue.ServiceBus;
using EdaAspire.WorkQueue.Sqlite;
using Microsoft.Extensions.Logging;

namespace EdaAspire.WorkQueue.Hosting;

/// <summary>
/// Picks the adapter that <c>ConnectionStrings:messaging</c> names: a SQLite <c>Data Source=…</c> is the embedded queue;
/// an <c>Endpoint=sb://…</c> or <c>https://…</c> is Service Bus (SAS key, emulator or Entra ID); an <c>Endpoint=amqp://…</c>
/// is a generic AMQP 1.0 broker (RabbitMQ). See <see cref="AmqpConnectionString"/>.
/// </summary>
public sealed record WorkQueueConnection(string ConnectionString, string MessagingSystem)
{
    public const string ServiceBusSystem = AmqpEndpoint.ServiceBusSystem;

    /// <summary>The AMQP endpoint, when the connection string names one.</summary>
    public AmqpEndpoint? Amqp { get; init; }

    public static WorkQueueConnection Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "The work queue has no connection string: set ConnectionStrings:messaging to 'Data Source=<file>' (embedded), " +
                "a Service Bus 'Endpoint=sb://…' or an AMQP 1.0 broker 'Endpoint=amqp://user:password@host:port'.");
        }

        if (AmqpConnectionString.IsAmqp(connectionString))
        {
            var endpoint = AmqpConnectionString.Parse(connectionString);
            return new WorkQueueConnection(connectionString, endpoint.MessagingSystem) { Amqp = endpoint };
        }

        var keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException("ConnectionStrings:messaging is not a 'Key=value;…' connection string.");
        }

        if (keys.ContainsKey("Data Source") || keys.ContainsKey("DataSource") || keys.ContainsKey("Filename"))
        {
            return new WorkQueueConnection(connectionString, SqliteWorkQueue.MessagingSystem);
        }

        throw new InvalidOperationException(
            "ConnectionStrings:messaging is neither a SQLite 'Data Source=<file>' nor an 'Endpoint=…' (Service Bus or amqp://) connection string.");
    }

    /// <summary>The bare adapter, without telemetry (<see cref="Telemetry.InstrumentedWorkQueue"/> adds it).</summary>
    public IWorkQueue Open(WorkQueueOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null) =>
        Amqp is { } endpoint
            ? new AmqpWorkQueue(endpoint, options, timeProvider, loggers)
            : new SqliteWorkQueue(ConnectionString, options, timeProvider);

    // The connection string may hold a key or password.
    public override string ToString() => $"{MessagingSystem} work queue connection";
}
