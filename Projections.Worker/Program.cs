using EdaAspire.Projections.Worker;
using EdaAspire.Projections.Worker.Archive;
using EdaAspire.Projections.Worker.Rebuild;

// The subscribers of the event log that keep a copy of it: the read-model projections and the archive sink, each
// its own consumer group (pub/sub) and failure domain.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddProjections();
builder.AddProjectionRebuilds();
builder.AddArchive();

var app = builder.Build();
app.MapDefaultEndpoints();

app.Run();
