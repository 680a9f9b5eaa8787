using EdaAspire.Contracts.Fulfillment;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>A downstream system the fulfillment workers call — simulated: which commands it takes and how it answers.</summary>
public interface IFulfillmentSimulator
{
    /// <summary>Names its settings: section <c>Fulfillment:&lt;Name&gt;</c>, the named <see cref="SimulatorOptions"/>.</summary>
    string Name { get; }

    bool Takes(IFulfillmentCommand command);

    /// <summary>
    /// The answer to a command it takes. <paramref name="failPermanently"/> is the command's deterministic draw;
    /// compensations ignore it. Ids in the answer derive from <paramref name="messageId"/>, so a redelivery answers alike.
    /// </summary>
    SimulatedAnswer Answer(IFulfillmentCommand command, string messageId, bool failPermanently);
}
