namespace EdaAspire.Saga.Worker.Orders;

/// <summary>How long the saga waits for each step's result before it gives up and compensates.</summary>
public sealed record SagaTimeouts
{
    public const string SectionName = "Saga:Timeouts";

    public TimeSpan PaymentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan StockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ShipmentTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
