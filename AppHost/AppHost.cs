// EdaAspire on real infrastructure: Kafka, SQL Server and the Service Bus emulator in containers locally; Azure
// Container Apps, Azure SQL and Service Bus when deployed with `azd up`. The services come from Composition.cs, which
// AppHost.Embedded shares; only the infrastructure below differs.
using EdaAspire.Composition;

var builder = DistributedApplication.CreateBuilder(args);

// `azd up` / `aspire deploy` target: every project and container becomes a container app in this environment.
builder.AddAzureContainerAppEnvironment("aca");

// One KRaft broker; the volume keeps the topics (the event store) across restarts.
var kafka = builder.AddKafka("kafka")
    .WithKafkaUI()
    .WithDataVolume();

// Azure SQL when deployed (Entra ID auth; each service's managed identity becomes a db_owner user, so it can migrate
// its own schema); locally a persistent SQL Server container, so read models and saga state survive AppHost restarts.
var sql = builder.AddAzureSqlServer("sql")
    .RunAsContainer(container => container
        .WithLifetime(ContainerLifetime.Persistent)
        .WithDataVolume());

// The emulator locally; a real namespace (Entra ID auth only) when deployed.
var messaging = builder.AddAzureServiceBus("messaging")
    .RunAsEmulator();

// The fulfillment workers' queue: peek-lock, dedupe by message id, DLQ. The same settings as the embedded queue's
// defaults (WorkQueueOptions), so both routes behave alike.
messaging.AddServiceBusQueue("fulfillment")
    .WithProperties(queue =>
    {
        queue.MaxDeliveryCount = 10;
        queue.LockDuration = TimeSpan.FromSeconds(30);
        queue.RequiresDuplicateDetection = true;
        queue.DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(10);
        queue.DeadLetteringOnMessageExpiration = true;
    });

// The price cache's second level, shared by the ingestion replicas (HybridCache over Redis).
var cache = builder.AddRedis("cache");

builder.AddEdaAspireServices(new Infrastructure(
    Kafka: kafka,
    IngestionDb: sql.AddDatabase("ingestion-db", databaseName: "ingestion"),
    ReadModels: sql.AddDatabase("readmodels"),
    Sagas: sql.AddDatabase("sagas"),
    Messaging: messaging,
    CatalogDb: sql.AddDatabase("catalog-db", databaseName: "catalog"),
    Cache: cache));

builder.Build().Run();
