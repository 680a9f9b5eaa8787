namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// Dead-letter reasons of messages no retry can help, spelled like the queue's own (Service Bus style), so the
/// dashboard can group dead letters by them.
/// </summary>
public static class PoisonReasons
{
    /// <summary>The message lacks the CloudEvents application properties.</summary>
    public const string MissingEnvelope = "MissingEnvelope";

    /// <summary>A command type this version does not know, or no simulator takes.</summary>
    public const string UnknownCommandType = "UnknownCommandType";

    /// <summary>A known command type whose body does not parse.</summary>
    public const string MalformedBody = "MalformedBody";

    /// <summary>The simulator's deterministic poison draw hit.</summary>
    public const string SimulatedPoison = "SimulatedPoison";
}
