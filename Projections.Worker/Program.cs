using EdaAspire.Projections.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddProjections();

builder.Build().Run();
