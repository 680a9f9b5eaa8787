using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.Hosting;
using EdaAspire.WorkQueue.ServiceBus;
using Microsoft.Extensions.Configuration;

namespace EdaAspire.WorkQueueTests.ServiceBus;

/// <summary>
/// <c>ConnectionStrings:messaging</c> and the <c>Aspire:Azure:Messaging:ServiceBus</c> section, in the forms Aspire hands
/// them over; a bad one stops the service with the key named and the secret left out.
/// </summary>
public sealed class ServiceBusConnectionTests
{
    private const string Secret = "s3cr3t+KEY/value=";

    [Fact]
    public async Task The_emulator_string_is_handed_to_the_SDK_as_written_and_has_no_counts()
    {
        const string emulator = "Endpoint=sb://localhost:5672;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";
        var connection = WorkQueueConnection.Parse(emulator);

        Assert.Equal("servicebus", connection.MessagingSystem);
        var settings = connection.ServiceBus!;
        Assert.Equal(emulator, settings.ConnectionString);
        Assert.True(settings.IsDevelopmentEmulator);
        Assert.Null(settings.FullyQualifiedNamespace);
        await using var queue = Assert.IsType<ServiceBusWorkQueue>(connection.Open(new WorkQueueOptions { QueueName = "fulfillment" }));
        await Assert.ThrowsAsync<NotSupportedException>(() => queue.GetCountsAsync());
    }

    [Fact]
    public void A_SAS_string_loses_its_EntityPath_which_must_name_the_work_queue()
    {
        var settings = WorkQueueConnection.Parse(
            $"Endpoint=sb://eda.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Secret};EntityPath=fulfillment").ServiceBus!;

        Assert.Equal($"Endpoint=sb://eda.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Secret}", settings.ConnectionString);
        Assert.Equal("fulfillment", settings.EntityPath);
        Assert.False(settings.IsDevelopmentEmulator);
        var wrong = Assert.Throws<InvalidOperationException>(() => settings.CreateWorkQueue(new WorkQueueOptions { QueueName = "other" }, null, null));
        Assert.Contains("'fulfillment'", wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, wrong.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://eda.servicebus.windows.net:443/")]
    [InlineData("eda.servicebus.windows.net")]
    [InlineData("Endpoint=sb://eda.servicebus.windows.net/")]
    [InlineData("Endpoint=sb://eda.servicebus.windows.net/;EntityPath=fulfillment")]
    public void A_namespace_alone_means_DefaultAzureCredential_on_its_host(string connectionString)
    {
        var settings = WorkQueueConnection.Parse(connectionString).ServiceBus!;

        Assert.Null(settings.ConnectionString);
        Assert.Equal("eda.servicebus.windows.net", settings.FullyQualifiedNamespace);
    }

    [Fact]
    public void The_Aspire_section_configures_the_client_and_the_connection_string_wins_over_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aspire:Azure:Messaging:ServiceBus:FullyQualifiedNamespace"] = "section.servicebus.windows.net",
            ["Aspire:Azure:Messaging:ServiceBus:HealthCheckQueueName"] = "health",
            ["Aspire:Azure:Messaging:ServiceBus:DisableTracing"] = "true",
            ["Aspire:Azure:Messaging:ServiceBus:ClientOptions:RetryOptions:MaxRetries"] = "7",
            ["Aspire:Azure:Messaging:ServiceBus:ClientOptions:RetryOptions:TryTimeout"] = "00:00:20",
            ["Aspire:Azure:Messaging:ServiceBus:ClientOptions:TransportType"] = "AmqpWebSockets",
        }).Build();

        var fromSection = WorkQueueConnection.FromConfiguration(configuration).ServiceBus!;
        Assert.Equal("section.servicebus.windows.net", fromSection.FullyQualifiedNamespace);
        Assert.Equal("health", fromSection.HealthCheckQueueName);
        Assert.True(fromSection.DisableTracing);
        Assert.Equal(7, fromSection.ClientOptions.RetryOptions.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(20), fromSection.ClientOptions.RetryOptions.TryTimeout);
        Assert.Equal(Azure.Messaging.ServiceBus.ServiceBusTransportType.AmqpWebSockets, fromSection.ClientOptions.TransportType);

        configuration["ConnectionStrings:messaging"] = "https://conn.servicebus.windows.net:443/";
        Assert.Equal("conn.servicebus.windows.net", WorkQueueConnection.FromConfiguration(configuration).ServiceBus!.FullyQualifiedNamespace);
    }

    [Fact]
    public void A_SQLite_data_source_still_selects_the_embedded_queue() =>
        Assert.Equal("sqlite_queue", WorkQueueConnection.Parse("Data Source=/tmp/queue.db").MessagingSystem);

    [Theory]
    [InlineData($"Endpoint=sb://eda.servicebus.windows.net/;SharedAccessKey={Secret}")]
    [InlineData($"Endpoint=sb://eda.servicebus.windows.net/;SharedAccessKeyName=send")]
    [InlineData($"SharedAccessKeyName=send;SharedAccessKey={Secret}")]
    [InlineData($"Endpoint=not a uri;SharedAccessKeyName=send;SharedAccessKey={Secret}")]
    [InlineData($"Endpoint=sb://eda.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={Secret};UseDevelopmentEmulator=maybe")]
    [InlineData($"Server=sql;Password={Secret}")]
    [InlineData($"https://eda servicebus/{Secret}")]
    public void A_malformed_connection_string_names_the_key_and_never_the_secret(string connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => WorkQueueConnection.Parse(connectionString));

        Assert.StartsWith("ConnectionStrings:messaging ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_string_in_the_Aspire_section_names_that_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aspire:Azure:Messaging:ServiceBus:ConnectionString"] = $"Endpoint=sb://eda.servicebus.windows.net/;SharedAccessKey={Secret}",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => WorkQueueConnection.FromConfiguration(configuration));

        Assert.StartsWith("Aspire:Azure:Messaging:ServiceBus:ConnectionString ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }
}
