namespace EdaAspire.ReadModels;

/// <summary>
/// The checkpoint row (this name as subscription, on topic control, partition 0) in which the worker that applies a
/// projection's rebuild records the next control offset: the request at offset <c>o</c> is applied once it holds more
/// than <c>o</c>. A storage rule of the read side, shared by the worker that writes it and the dashboard that reads it.
/// </summary>
public static class RebuildMarker
{
    public static string SubscriptionOf(string projection) => $"rebuild:{projection}";
}
