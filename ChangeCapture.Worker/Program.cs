using EdaAspire.ChangeCapture.Worker;

// The change-data-capture connector: the catalog's table changes, read from its database's change record, become
// events on topic "catalog". The catalog itself publishes nothing.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults();
builder.AddChangeCapture();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCaptureApi();

app.Run();

/// <summary>Entry point, visible to the tests.</summary>
public partial class Program;
