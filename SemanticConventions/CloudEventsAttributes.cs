namespace EdaAspire.SemanticConventions;

/// <summary>Attribute names from the OpenTelemetry CloudEvents semantic conventions.</summary>
public static class CloudEventsAttributes
{
    public const string EventId = "cloudevents.event_id";
    public const string EventType = "cloudevents.event_type";
}
