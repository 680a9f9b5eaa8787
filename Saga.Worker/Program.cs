using EdaAspire.Saga.Worker;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddSagaWorker();

var app = builder.Build();
app.MapSagaWorkerEndpoints();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
