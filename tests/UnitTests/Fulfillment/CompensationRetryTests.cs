using System.Text;
using EdaAspire.Messaging.Envelope;
using EdaAspire.Saga.Worker.Fulfillment;
using EdaAspire.WorkQueue;

namespace EdaAspire.UnitTests.Fulfillment;

public class CompensationRetryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static EventEnvelope Command(string id) =>
        new(id, "shop.fulfillment.refund_payment.v1", "urn:edaaspire:saga", Now, Encoding.UTF8.GetBytes("{}"));

    private static ReceivedMessage Delivered(QueueMessage sent) => new()
    {
        MessageId = sent.MessageId,
        Body = sent.Body,
        CorrelationId = sent.CorrelationId,
        Subject = sent.Subject,
        ContentType = sent.ContentType,
        ApplicationProperties = sent.ApplicationProperties,
        ScheduledEnqueueTime = sent.ScheduledEnqueueTime,
        SequenceNumber = 7,
        DeliveryCount = 1,
        EnqueuedTime = Now,
        SubQueue = SubQueue.Active,
    };

    [Fact]
    public void Each_attempt_is_a_new_message_with_the_same_command_and_the_next_number()
    {
        var envelope = Command("order-1/refund-payment");
        var original = Delivered(new QueueMessage
        {
            MessageId = envelope.Id,
            Body = envelope.Data,
            CorrelationId = "order-1",
            Subject = envelope.Type,
            ContentType = EventEnvelope.JsonContentType,
            ApplicationProperties = QueueEnvelopeProperties.ToProperties(envelope, default),
        });

        var second = CompensationRetry.NextAttempt(original, envelope, Now.AddSeconds(2));
        var third = CompensationRetry.NextAttempt(Delivered(second), envelope, due: null);

        Assert.Equal((1, 2, 3), (CompensationRetry.AttemptOf(original), CompensationRetry.AttemptOf(Delivered(second)), CompensationRetry.AttemptOf(Delivered(third))));
        Assert.Equal(("order-1/refund-payment#retry-1", "order-1/refund-payment#retry-2"), (second.MessageId, third.MessageId));
        Assert.Equal((Now.AddSeconds(2), (DateTimeOffset?)null), (second.ScheduledEnqueueTime, third.ScheduledEnqueueTime));
        Assert.True(QueueEnvelopeProperties.TryRead(third.ApplicationProperties, third.Body, out var copied, out _));
        Assert.Equal((envelope.Id, envelope.Type), (copied.Id, copied.Type));
        Assert.Equal((original.CorrelationId, original.Subject, original.ContentType), (third.CorrelationId, third.Subject, third.ContentType));
        Assert.True(original.Body.Span.SequenceEqual(third.Body.Span));
    }

    [Fact]
    public void A_redelivered_attempt_sends_the_very_same_next_attempt_so_duplicate_detection_drops_the_second()
    {
        var envelope = Command("order-2/release-stock");
        var failed = Delivered(new QueueMessage { MessageId = envelope.Id, ApplicationProperties = QueueEnvelopeProperties.ToProperties(envelope, default) });

        Assert.Equal(
            CompensationRetry.NextAttempt(failed, envelope, Now).MessageId,
            CompensationRetry.NextAttempt(failed with { DeliveryCount = 2 }, envelope, Now.AddSeconds(5)).MessageId);
    }

    [Fact]
    public void A_command_id_too_long_for_a_message_id_gets_a_stable_hashed_one()
    {
        var envelope = Command(new string('c', QueueMessage.MaxMessageIdLength));
        var failed = Delivered(new QueueMessage { MessageId = envelope.Id });

        var next = CompensationRetry.NextAttempt(failed, envelope, Now);

        Assert.Equal(32, next.MessageId.Length);
        Assert.Equal(next.MessageId, CompensationRetry.NextAttempt(failed, envelope, Now).MessageId);
        next.Validate();
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("two")]
    public void An_unreadable_attempt_number_counts_as_the_first(string value)
    {
        var failed = Delivered(new QueueMessage
        {
            MessageId = "x",
            ApplicationProperties = new Dictionary<string, string> { [CompensationRetry.AttemptProperty] = value },
        });

        Assert.Equal(1, CompensationRetry.AttemptOf(failed));
    }
}
