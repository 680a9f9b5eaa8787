using EdaAspire.Notifications.Worker;

// Choreography: the email, SMS and webhook channels react to the order events on their own, each its own consumer
// group and failure domain, in a process of their own so a stuck channel never holds up the read models.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddNotifications();

var app = builder.Build();
app.MapDefaultEndpoints();

app.Run();
