using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using EdaAspire.WorkQueue.ServiceBus;
using EdaAspire.WorkQueueTests.Conformance;
using EdaAspire.WorkQueueTests.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdaAspire.WorkQueueTests.Hosting;

/// <summary><c>AddWorkQueue</c>: which adapter a connection string picks, settings from configuration, the health check.</summary>
public sealed class AddWorkQueueTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_SQLite_data_source_gives_a_working_queue_keyed_by_its_name_and_as_the_default()
    {
        using var host = Build(_database.ConnectionString, b => b.AddWorkQueue("fulfillment"));

        var queue = host.Services.GetRequiredKeyedService<IWorkQueue>("fulfillment");
        Assert.Same(queue, host.Services.GetRequiredService<IWorkQueue>());
        Assert.Equal("fulfillment", queue.Name);

        await queue.SendAsync(TestMessages.Text("m"));
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(5)));
        await queue.CompleteAsync(received);
    }

    [Theory]
    [InlineData("Endpoint=sb://localhost:5672;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;")]
    [InlineData("https://eda.servicebus.windows.net:443/")]
    public void A_Service_Bus_connection_gives_the_Service_Bus_adapter_and_its_queue_health_check(string connectionString)
    {
        using var host = Build(connectionString, b =>
        {
            b.Configuration["Aspire:Azure:Messaging:ServiceBus:HealthCheckQueueName"] = "health";
            b.AddWorkQueue("fulfillment");
        });

        Assert.Equal("fulfillment", host.Services.GetRequiredService<IWorkQueue>().Name);
        var check = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single(r => r.Name == "workqueue-fulfillment");
        Assert.IsType<ServiceBusQueueHealthCheck>(check.Factory(host.Services));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Server=sql;Database=orders")]
    public void A_missing_or_unknown_connection_string_stops_the_service_at_startup(string? connectionString) =>
        Assert.Throws<InvalidOperationException>(() => Build(connectionString, b => b.AddWorkQueue("fulfillment")));

    [Fact]
    public async Task Settings_come_from_the_WorkQueues_section_then_from_the_code()
    {
        using var host = Build(_database.ConnectionString, b =>
        {
            b.Configuration["WorkQueues:fulfillment:MaxDeliveryCount"] = "1";
            b.Configuration["WorkQueues:fulfillment:LockDuration"] = "00:05:00";
            b.AddWorkQueue("fulfillment", o => o with { LockDuration = o.LockDuration * 2 });
        });
        var queue = host.Services.GetRequiredService<IWorkQueue>();
        await queue.SendAsync(TestMessages.Text("m"));

        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(5)));
        Assert.InRange(received.LockedUntil!.Value, DateTimeOffset.UtcNow.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(11));

        await queue.AbandonAsync(received); // the first delivery was the last allowed one
        Assert.Single(await queue.PeekDeadLettersAsync(10));
    }

    [Fact]
    public void Adding_the_same_queue_twice_registers_it_once()
    {
        using var host = Build(_database.ConnectionString, b => b.AddWorkQueue("fulfillment").AddWorkQueue("fulfillment"));
        Assert.Single(host.Services.GetKeyedServices<IWorkQueue>("fulfillment"));
    }

    [Fact]
    public async Task The_ready_health_check_reports_the_queue_healthy_with_its_counts()
    {
        using var host = Build(_database.ConnectionString, b => b.AddWorkQueue("fulfillment"));
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync(r => r.Tags.Contains("ready"));

        var entry = Assert.Single(report.Entries, e => e.Key == "workqueue-fulfillment").Value;
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains("0 active", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_makes_the_health_check_unhealthy()
    {
        var blocked = Path.Combine(Path.GetDirectoryName(_database.Path)!, "a-file");
        await File.WriteAllTextAsync(blocked, "not a folder");
        using var host = Build($"Data Source={Path.Combine(blocked, "queue.db")}", b => b.AddWorkQueue("fulfillment"));

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["workqueue-fulfillment"].Status);
    }

    internal static IHost Build(string? connectionString, Action<HostApplicationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:messaging"] = connectionString;
        configure(builder);
        return builder.Build();
    }
}
