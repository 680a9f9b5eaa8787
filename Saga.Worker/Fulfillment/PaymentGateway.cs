using EdaAspire.Contracts.Fulfillment;
using EdaAspire.Contracts.Orders;
using EdaAspire.Messaging.Envelope;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>The payment service provider: authorises the order's charge, and refunds it as a compensation.</summary>
public sealed class PaymentGateway : IFulfillmentSimulator
{
    public const string SectionName = "Payment";

    public string Name => SectionName;

    public bool Takes(IFulfillmentCommand command) => command is AuthorizePayment or RefundPayment;

    public SimulatedAnswer Answer(IFulfillmentCommand command, string messageId, bool failPermanently) => command switch
    {
        AuthorizePayment authorize when failPermanently =>
            SimulatedAnswer.Failure(new PaymentDeclined(authorize.OrderId, "Declined by the card issuer")),
        AuthorizePayment authorize =>
            SimulatedAnswer.Success(new PaymentAuthorized(authorize.OrderId, PaymentId(messageId), authorize.Amount, authorize.Currency)),
        // Money owed back is never refused; an unreachable gateway is a transient failure, which the queue retries.
        RefundPayment refund =>
            SimulatedAnswer.Success(new PaymentRefunded(refund.OrderId, refund.PaymentId, refund.Amount, refund.Currency)),
        _ => throw new ArgumentException($"The payment gateway does not take {command.GetType().Name}.", nameof(command)),
    };

    public static string PaymentId(string messageId) => DeterministicId.Create($"payment:{messageId}").ToString();
}
