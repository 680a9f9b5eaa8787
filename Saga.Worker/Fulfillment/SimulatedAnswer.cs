using EdaAspire.Contracts.Orders;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>A simulator's result event, and whether it reports a permanent failure of the step.</summary>
public sealed record SimulatedAnswer(IOrderEvent Result, bool Failed)
{
    public static SimulatedAnswer Success(IOrderEvent result) => new(result, Failed: false);

    public static SimulatedAnswer Failure(IOrderEvent result) => new(result, Failed: true);
}
