// The order process manager and the fulfillment workers arrive with the orders work; until then this
// host only carries the service defaults so every host and the AppHost compose the final topology.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();

builder.Build().Run();
