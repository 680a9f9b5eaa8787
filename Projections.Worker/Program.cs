using EdaAspire.Projections.Worker;
using EdaAspire.Projections.Worker.Archive;
using EdaAspire.Projections.Worker.Notifications;
using EdaAspire.Projections.Worker.Rebuild;

// Every downstream subscriber of the event log, each its own consumer group (pub/sub) and failure domain:
// the read-model projections, the archive sink, and the notification channels (choreography).
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddProjections();
builder.AddProjectionRebuilds();
builder.AddArchive();
builder.AddNotifications();

var app = builder.Build();
app.MapDefaultEndpoints();

app.Run();
