// EdaAspire on embedded infrastructure, under Aspire's orchestrator and dashboard: librdkafka's mock cluster in this
// process, SQLite files for the databases and the work queue, Debian's redis-server where installed. Only the
// infrastructure differs from AppHost.
using EdaAspire.AppHost.Embedded;
using EdaAspire.AppHost.Embedded.Kafka;
using EdaAspire.AppHost.Embedded.Redis;
using EdaAspire.AppHost.Embedded.Sqlite;
using EdaAspire.Composition;

var builder = DistributedApplication.CreateBuilder(args);

DataFolder data;
try
{
    data = DataFolder.CreateFresh(builder);
}
catch (IOException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

var services = builder.AddEdaAspireServices(new Infrastructure(
    Kafka: builder.AddEmbeddedKafka("kafka"),
    IngestionDb: builder.AddSqliteFile("ingestion-db", data, "ingestion"),
    ReadModels: builder.AddSqliteFile("readmodels", data, "readmodels"),
    Sagas: builder.AddSqliteFile("sagas", data, "sagas"),
    // The embedded work queue: a SQLite file with Service Bus queue semantics (WorkQueue/Sqlite).
    Messaging: builder.AddSqliteFile("messaging", data, "messaging"),
    CatalogDb: builder.AddSqliteFile("catalog-db", data, "catalog"),
    Cache: builder.AddRedisServerIfInstalled("cache", data)));

// Files that follow the log live with the fresh databases, never beside a log they did not come from.
services.Projections.WithEnvironment("Archive__Directory", data.Combine("archive"));
services.Notifications
    .WithEnvironment("Notifications__Email__PickupDirectory", data.Combine("notifications", "email", "pickup"))
    .WithEnvironment("Notifications__Email__CustomersFile", data.Combine("notifications", "email", "customers.txt"))
    .WithEnvironment("Notifications__Sms__OutboxFile", data.Combine("notifications", "sms", "outbox.txt"))
    .WithEnvironment("Notifications__Sms__CustomersFile", data.Combine("notifications", "sms", "customers.txt"));

// The mock cluster answers an empty fetch only after the whole fetch.wait.max.ms, and a write does not cut that wait
// short as a real broker's does. Every idle consumer pays that wait in fetches per second, so only the clickstream
// projection, whose ingest-to-read-model latency is a target, waits 10 ms; the rest keep the default 100 ms.
const string clickstreamProjectionGroup = "projections";
services.Projections.WithEnvironment($"Kafka__Consumer__Groups__{clickstreamProjectionGroup}__fetch.wait.max.ms", "10");

if (FixedPorts.InUse(builder) is { Count: > 0 } busy)
{
    Console.Error.WriteLine($"Ports in use by another process: {string.Join(", ", busy)}. Stop it (another AppHost run?) and try again.");
    return 1;
}

builder.Build().Run();
return 0;
