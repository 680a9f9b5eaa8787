namespace EdaAspire.WorkQueue.ServiceBus;

/// <summary>Which AMQP 1.0 broker an endpoint names: they differ in authentication, addresses, outcomes and management.</summary>
public enum AmqpBroker
{
    /// <summary>Azure Service Bus or its emulator: CBS tokens, Modified for abandon, a $management node.</summary>
    ServiceBus,

    /// <summary>RabbitMQ's AMQP 1.0 plugin (3.x): SASL PLAIN, pre-declared quorum queues, Released for abandon.</summary>
    RabbitMq,
}

/// <summary>How the adapter proves who it is. The ToString overrides keep secrets out of logs and exception messages.</summary>
public abstract record AmqpCredential;

/// <summary>A Service Bus shared access key; the adapter signs SAS tokens with it and puts them on <c>$cbs</c>.</summary>
public sealed record SharedAccessKeyCredential(string KeyName, string Key) : AmqpCredential
{
    public override string ToString() => $"shared access key '{KeyName}'";
}

/// <summary>Entra ID through <c>DefaultAzureCredential</c> (managed identity in Azure, developer sign-in locally).</summary>
public sealed record EntraIdCredential : AmqpCredential
{
    public override string ToString() => "Entra ID (DefaultAzureCredential)";
}

/// <summary>SASL PLAIN user and password, as a generic AMQP 1.0 broker takes them.</summary>
public sealed record UserPasswordCredential(string User, string Password) : AmqpCredential
{
    public override string ToString() => $"user '{User}'";
}

/// <summary>An AMQP 1.0 endpoint as <see cref="AmqpConnectionString"/> read it from <c>ConnectionStrings:messaging</c>.</summary>
public sealed record AmqpEndpoint(AmqpBroker Broker, string Host, int Port, bool UseTls, AmqpCredential Credential)
{
    public const string ServiceBusSystem = "servicebus";
    public const string RabbitMqSystem = "rabbitmq";

    /// <summary>The queue the connection string names (Aspire adds it for a queue resource); null when it names only the namespace.</summary>
    public string? EntityPath { get; init; }

    /// <summary>The local Service Bus emulator: plain AMQP, no TLS.</summary>
    public bool IsDevelopmentEmulator { get; init; }

    /// <summary>RabbitMQ's management HTTP API, which reports queue depths (AMQP 1.0 itself has no count query).</summary>
    public Uri? ManagementEndpoint { get; init; }

    /// <summary>
    /// Abandon as Released instead of Modified(delivery-failed): for brokers that refuse Modified (RabbitMQ 3.x ends the
    /// session). Default: Modified on Service Bus, Released on amqp:// endpoints; <c>AbandonOutcome=Released|Modified</c> overrides.
    /// </summary>
    public bool AbandonWithRelease { get; init; }

    /// <summary>The <c>messaging.system</c> of spans and metrics.</summary>
    public string MessagingSystem => Broker == AmqpBroker.ServiceBus ? ServiceBusSystem : RabbitMqSystem;

    public override string ToString() =>
        $"{MessagingSystem} {(UseTls ? "amqps" : "amqp")}://{Host}:{Port} as {Credential}{(EntityPath is null ? "" : $", entity '{EntityPath}'")}";
}
