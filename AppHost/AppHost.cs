// The EdaAspire topology. Services learn their infrastructure only from the connection strings
// these references inject (ConnectionStrings__kafka, __readmodels, __sagas, __messaging).
var builder = DistributedApplication.CreateBuilder(args);

// `azd up` / `aspire deploy` target: every project and container becomes a container app in this environment.
builder.AddAzureContainerAppEnvironment("aca");

// One KRaft broker; the volume keeps the topics (the event store) across restarts.
var kafka = builder.AddKafka("kafka")
    .WithKafkaUI()
    .WithDataVolume();

// Azure SQL when deployed (Entra ID auth; each service's managed identity becomes a db_owner user, so it can
// migrate its own schema); locally a SQL Server container, persistent so read models and saga state survive
// AppHost restarts. The generated sa password is kept in user secrets, so the volume stays usable.
var sql = builder.AddAzureSqlServer("sql")
    .RunAsContainer(container => container
        .WithLifetime(ContainerLifetime.Persistent)
        .WithDataVolume());

// Resource names are unique across the app, and "ingestion" is the API: the database gets its own name
// and is handed over under the connection name the API reads.
var ingestionDb = sql.AddDatabase("ingestion-db", databaseName: "ingestion");
var readModels = sql.AddDatabase("readmodels");
var sagas = sql.AddDatabase("sagas");

// The emulator locally; a real namespace (Entra ID auth only) when deployed.
var messaging = builder.AddAzureServiceBus("messaging")
    .RunAsEmulator();

// The work queue of the competing fulfillment workers: peek-lock, dedupe by message id, DLQ. The same
// settings as the embedded queue's defaults (WorkQueueOptions), so both routes behave alike.
messaging.AddServiceBusQueue("fulfillment")
    .WithProperties(queue =>
    {
        queue.MaxDeliveryCount = 10;
        queue.LockDuration = TimeSpan.FromSeconds(30);
        queue.RequiresDuplicateDetection = true;
        queue.DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(10);
        queue.DeadLetteringOnMessageExpiration = true;
    });

// Write side: HTTP in, Kafka out; its own database keeps the orders' idempotency records.
var ingestion = builder.AddProject<Projects.Ingestion_Api>("ingestion")
    .WithReference(kafka)
    .WithReference(ingestionDb, connectionName: "ingestion")
    .WaitFor(kafka)
    .WaitFor(ingestionDb)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// Workers serve no HTTP, except /health and /alive on the port HealthChecks__Port names (ServiceDefaults):
// that endpoint is what the health check and, deployed, the platform's probes call.
builder.AddProject<Projects.Projections_Worker>("projections")
    .WithReference(kafka)
    .WithReference(readModels)
    .WaitFor(kafka)
    .WaitFor(readModels)
    .WithHttpEndpoint(env: "HealthChecks__Port")
    .WithHttpHealthCheck("/health");

// Two replicas: the fulfillment queue's competing consumers, and the orders consumer group shared.
builder.AddProject<Projects.Saga_Worker>("saga")
    .WithReference(kafka)
    .WithReference(sagas)
    .WithReference(messaging)
    .WaitFor(kafka)
    .WaitFor(sagas)
    .WaitFor(messaging)
    .WithHttpEndpoint(env: "HealthChecks__Port")
    .WithHttpHealthCheck("/health")
    .WithReplicas(2);

// Read side: read models from SQL, live feed from Kafka, admin calls to ingestion, dead letters.
var dashboard = builder.AddProject<Projects.Web_Dashboard>("dashboard")
    .WithReference(readModels)
    .WithReference(kafka)
    .WithReference(ingestion)
    .WithReference(messaging)
    .WaitFor(readModels)
    .WaitFor(kafka)
    .WaitFor(ingestion)
    .WaitFor(messaging)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// An order's status is read from the read side: the 202 of POST /api/orders points at the dashboard
// (services__dashboard__http__0). A reference, not a WaitFor, so the two may reference each other.
ingestion.WithReference(dashboard);

builder.Build().Run();
