using EdaAspire.WorkQueue.Hosting;
using EdaAspire.WorkQueue.ServiceBus;

namespace EdaAspire.WorkQueueTests.ServiceBus;

/// <summary>The connection strings Aspire hands over, and what the adapter makes of them; bad ones fail without leaking secrets.</summary>
public sealed class AmqpConnectionStringTests
{
    [Theory]
    // The emulator as Aspire 13 writes it (with the mapped port), also with EntityPath after its trailing ';' (an empty segment).
    [InlineData("Endpoint=sb://localhost:61234;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
        AmqpBroker.ServiceBus, "localhost", 61234, false, "shared access key 'RootManageSharedAccessKey'", null)]
    [InlineData("Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;;EntityPath=fulfillment",
        AmqpBroker.ServiceBus, "localhost", 5672, false, "shared access key 'RootManageSharedAccessKey'", "fulfillment")]
    [InlineData("Endpoint=sb://eda.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc=",
        AmqpBroker.ServiceBus, "eda.servicebus.windows.net", 5671, true, "shared access key 'send'", null)]
    // Azure: Aspire hands over the bare endpoint (Entra ID), or Endpoint=…;EntityPath=… for a queue resource.
    [InlineData("https://eda.servicebus.windows.net:443/", AmqpBroker.ServiceBus, "eda.servicebus.windows.net", 5671, true, "Entra ID (DefaultAzureCredential)", null)]
    [InlineData("Endpoint=https://eda.servicebus.windows.net:443/;EntityPath=fulfillment;", AmqpBroker.ServiceBus, "eda.servicebus.windows.net", 5671, true, "Entra ID (DefaultAzureCredential)", "fulfillment")]
    // A generic AMQP 1.0 broker (RabbitMQ): the amqp/amqps scheme selects it; credentials in the URI, escaped.
    [InlineData("Endpoint=amqp://guest:guest@127.0.0.1:5672;", AmqpBroker.RabbitMq, "127.0.0.1", 5672, false, "user 'guest'", null)]
    [InlineData("Endpoint=amqps://app%40eda:p%3Bw@mq.example.org", AmqpBroker.RabbitMq, "mq.example.org", 5671, true, "user 'app@eda'", null)]
    public void A_connection_string_names_broker_host_port_tls_and_credential(
        string connectionString, AmqpBroker broker, string host, int port, bool tls, string credential, string? entityPath)
    {
        var endpoint = AmqpConnectionString.Parse(connectionString);

        Assert.Equal((broker, host, port, tls, credential, entityPath),
            (endpoint.Broker, endpoint.Host, endpoint.Port, endpoint.UseTls, endpoint.Credential.ToString(), endpoint.EntityPath));
        Assert.Equal(broker == AmqpBroker.ServiceBus ? "servicebus" : "rabbitmq", WorkQueueConnection.Parse(connectionString).MessagingSystem);
    }

    [Fact]
    public void Keys_and_passwords_are_read_but_never_printed()
    {
        var sas = AmqpConnectionString.Parse("Endpoint=sb://eda.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=top-secret");
        var rabbit = AmqpConnectionString.Parse("Endpoint=amqp://app:hunter2@mq:5672");

        Assert.Equal("top-secret", Assert.IsType<SharedAccessKeyCredential>(sas.Credential).Key);
        Assert.Equal("hunter2", Assert.IsType<UserPasswordCredential>(rabbit.Credential).Password);
        Assert.DoesNotContain("top-secret", sas.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", rabbit.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", WorkQueueConnection.Parse("Endpoint=amqp://app:hunter2@mq:5672").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Abandon_is_Modified_on_Service_Bus_and_Released_on_RabbitMQ_unless_AbandonOutcome_says_otherwise()
    {
        Assert.False(AmqpConnectionString.Parse("Endpoint=sb://ns/;SharedAccessKeyName=k;SharedAccessKey=v").AbandonWithRelease);
        Assert.True(AmqpConnectionString.Parse("Endpoint=amqp://u:p@h").AbandonWithRelease);
        Assert.True(AmqpConnectionString.Parse("Endpoint=sb://ns/;SharedAccessKeyName=k;SharedAccessKey=v;AbandonOutcome=Released").AbandonWithRelease);
        Assert.False(AmqpConnectionString.Parse("Endpoint=amqp://u:p@h;AbandonOutcome=modified").AbandonWithRelease);
    }

    [Fact]
    public void RabbitMQ_counts_come_from_the_management_API_on_15672_unless_ManagementEndpoint_says_otherwise()
    {
        Assert.Equal(new Uri("http://mq:15672/"), AmqpConnectionString.Parse("Endpoint=amqp://u:p@mq:5672").ManagementEndpoint);
        Assert.Equal(new Uri("https://admin.mq/"), AmqpConnectionString.Parse("Endpoint=amqp://u:p@mq;ManagementEndpoint=https://admin.mq/").ManagementEndpoint);
        Assert.Null(AmqpConnectionString.Parse("https://eda.servicebus.windows.net/").ManagementEndpoint);
    }

    [Theory]
    [InlineData("Endpoint=;SharedAccessKeyName=k;SharedAccessKey=secret-1", "has no Endpoint")]
    [InlineData("Endpoint=ftp://ns;SharedAccessKeyName=k;SharedAccessKey=secret-1", "not an absolute sb://")]
    [InlineData("Endpoint=sb://ns/;SharedAccessKeyName=k", "only one of SharedAccessKeyName and SharedAccessKey")]
    [InlineData("Endpoint=sb://ns/;SharedAccessKey=secret-1", "only one of SharedAccessKeyName and SharedAccessKey")]
    [InlineData("Endpoint=sb://localhost;UseDevelopmentEmulator=true", "emulator without SharedAccessKeyName")]
    [InlineData("Endpoint=sb://localhost;SharedAccessKeyName=k;SharedAccessKey=secret-1;UseDevelopmentEmulator=maybe", "neither true nor false")]
    [InlineData("Endpoint=sb://ns/;SharedAccessSignature=SharedAccessSignature sr=x&sig=secret-1", "SharedAccessSignature")]
    [InlineData("Endpoint=amqp://mq:5672", "without user:password")]
    [InlineData("Endpoint=amqp://u:secret-1@mq;SharedAccessKeyName=k;SharedAccessKey=secret-1", "Service Bus keys")]
    [InlineData("Endpoint=amqp://u:secret-1@mq;AbandonOutcome=Rejected", "AbandonOutcome")]
    public void A_bad_connection_string_says_what_is_wrong_without_its_secrets(string connectionString, string problem)
    {
        var error = Assert.Throws<InvalidOperationException>(() => WorkQueueConnection.Parse(connectionString));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:messaging", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_EntityPath_for_another_queue_is_refused_when_the_queue_is_opened()
    {
        var connection = WorkQueueConnection.Parse("Endpoint=amqp://u:p@mq;EntityPath=orders");

        var error = Assert.Throws<InvalidOperationException>(() => connection.Open(new WorkQueue.WorkQueueOptions { QueueName = "fulfillment" }));
        Assert.Contains("'orders'", error.Message, StringComparison.Ordinal);
    }
}
