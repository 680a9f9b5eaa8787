using EdaAspire.Web.Dashboard.Admin;
using EdaAspire.Web.Dashboard.DeadLetters;
using EdaAspire.Web.Dashboard.Overview;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EdaAspire.DashboardTests.Infrastructure;

/// <summary>
/// The operations pages' services over real stand-ins: a SQLite work queue in a temp file (the embedded adapter the
/// standalone system runs), the overview's ring buffer fed by the test as the sampler would, and a signed-in (or not)
/// user in the admin role or not.
/// </summary>
public abstract class OperationsContext : DashboardContext
{
    private readonly string _queuePath = Path.Combine(Path.GetTempPath(), $"dashboard-queue-{Guid.NewGuid():N}.db");

    protected OperationsContext()
    {
        Queue = new SqliteWorkQueue($"Data Source={_queuePath}", new WorkQueueOptions { QueueName = "fulfillment", MaxDeliveryCount = 3 });
        History = new OverviewHistory(capacity: 150);
        Services.AddSingleton<IWorkQueue>(Queue);
        Services.AddSingleton(History);
        Services.AddSingleton<FulfillmentDeadLetters>();
        Services.AddScoped<AdminAccess>();
    }

    protected SqliteWorkQueue Queue { get; }

    protected OverviewHistory History { get; }

    /// <summary>Development (open) or not; signed in as an operator (role admin) or as someone else, or not at all.</summary>
    protected void As(bool development, bool admin, bool keyConfigured = true)
    {
        Services.AddSingleton(new AdminMode(development, keyConfigured));
        var auth = AddAuthorization();
        if (admin)
        {
            auth.SetAuthorized("operator");
            auth.SetRoles(AdminPolicy.Role);
        }
        else
        {
            auth.SetNotAuthorized();
        }
    }

    /// <summary>Dead-letters one command per reason, the way a fulfillment worker does on a poison message.</summary>
    protected async Task<IReadOnlyList<string>> DeadLetterAsync(params string[] reasons)
    {
        var ids = new List<string>();
        foreach (var reason in reasons)
        {
            var id = $"cmd-{Guid.NewGuid():N}";
            await Queue.SendAsync(new QueueMessage
            {
                MessageId = id,
                Body = """{"orderId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","amount":39.98}"""u8.ToArray(),
                CorrelationId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                ApplicationProperties = new Dictionary<string, string> { ["cloudEvents:type"] = "shop.fulfillment.authorize_payment.v1" },
            });
            var received = Assert.Single(await Queue.ReceiveAsync(1, TimeSpan.FromSeconds(5)));
            await Queue.DeadLetterAsync(received, reason, $"{reason} description");
            ids.Add(id);
        }

        return ids;
    }

    protected override Task CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _queuePath, _queuePath + "-wal", _queuePath + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}
