using EdaAspire.Saga.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddSagaWorker();

builder.Build().Run();
