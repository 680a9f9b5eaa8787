namespace EdaAspire.SemanticConventions;

/// <summary>Attribute names from the OpenTelemetry messaging semantic conventions (https://opentelemetry.io/docs/specs/semconv/messaging/).</summary>
public static class MessagingAttributes
{
    public const string System = "messaging.system";
    public const string OperationName = "messaging.operation.name";
    public const string OperationType = "messaging.operation.type";
    public const string DestinationName = "messaging.destination.name";
    public const string PartitionId = "messaging.destination.partition.id";
    public const string ConsumerGroupName = "messaging.consumer.group.name";
    public const string MessageId = "messaging.message.id";
    public const string ConversationId = "messaging.message.conversation_id";
    public const string BatchMessageCount = "messaging.batch.message_count";
    public const string KafkaMessageKey = "messaging.kafka.message.key";
    public const string KafkaOffset = "messaging.kafka.offset";

    /// <summary>The work queue has Service Bus's semantics, so its delivery count goes by Service Bus's attribute.</summary>
    public const string ServiceBusDeliveryCount = "messaging.servicebus.message.delivery_count";

    public const string ErrorType = "error.type";
}
