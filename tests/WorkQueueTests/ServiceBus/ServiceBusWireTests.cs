using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Types;
using EdaAspire.WorkQueue;
using EdaAspire.WorkQueue.ServiceBus;
using EdaAspire.WorkQueueTests.Conformance;

namespace EdaAspire.WorkQueueTests.ServiceBus;

/// <summary>
/// What the adapter puts on the wire for the Service Bus behaviours RabbitMQ cannot show (CBS, Modified, dead-letter info,
/// renew-lock, peek, scheduling, batches), asserted at the seam where the AMQP messages and outcomes are built.
/// </summary>
public sealed class ServiceBusWireTests
{
    private static readonly AmqpBrokerDialect ServiceBus = new(AmqpBroker.ServiceBus, AbandonWithRelease: false);
    private static readonly AmqpBrokerDialect RabbitMq = new(AmqpBroker.RabbitMq, AbandonWithRelease: true);

    [Fact]
    public void A_SAS_token_is_signed_over_the_encoded_audience_and_expiry_with_the_key_name()
    {
        var key = new SharedAccessKeyCredential("RootManageSharedAccessKey", "SAS_KEY_VALUE");
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

        var token = new SharedAccessSignatureTokenProvider(key, TimeProvider.System).Create("sb://localhost/fulfillment", expiresAt);

        var expectedSignature = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("SAS_KEY_VALUE"), Encoding.UTF8.GetBytes("sb%3A%2F%2Flocalhost%2Ffulfillment\n1900000000")));
        Assert.Equal(
            $"SharedAccessSignature sr=sb%3A%2F%2Flocalhost%2Ffulfillment&sig={WebUtility.UrlEncode(expectedSignature)}&se=1900000000&skn=RootManageSharedAccessKey",
            token.Value);
        Assert.Equal("servicebus.windows.net:sastoken", token.TokenType);
        Assert.Equal(expiresAt, token.ExpiresAt);
    }

    [Fact]
    public void The_CBS_put_token_request_carries_operation_type_audience_and_expiry()
    {
        var token = new CbsToken("eyJ.jwt.token", CbsToken.JsonWebTokenType, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var request = ManagementRequests.PutToken(token, AmqpBrokerDialect.Audience("eda.servicebus.windows.net", "fulfillment"));

        Assert.Equal("eyJ.jwt.token", request.Body);
        Assert.Equal("put-token", request.ApplicationProperties["operation"]);
        Assert.Equal("jwt", request.ApplicationProperties["type"]);
        Assert.Equal("sb://eda.servicebus.windows.net/fulfillment", request.ApplicationProperties["name"]);
        Assert.Equal(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), request.ApplicationProperties["expiration"]);
        Assert.Equal("$cbs", ManagementRequests.CbsNode);
    }

    [Fact]
    public void A_token_is_refreshed_five_minutes_before_expiry_or_at_90_percent_of_a_short_lifetime()
    {
        var issued = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(issued.AddMinutes(55), new CbsToken("t", CbsToken.SharedAccessSignatureType, issued.AddHours(1)).RefreshAt(issued));
        Assert.Equal(issued.AddMinutes(9), new CbsToken("t", CbsToken.JsonWebTokenType, issued.AddMinutes(10)).RefreshAt(issued));
    }

    [Fact]
    public void Renew_lock_is_a_management_request_with_the_lock_token_array_and_the_receiver_link()
    {
        var lockToken = Guid.NewGuid();

        var request = ManagementRequests.RenewLock(lockToken, "fulfillment-receiver-1");

        Assert.Equal("com.microsoft:renew-lock", request.ApplicationProperties["operation"]);
        Assert.Equal("fulfillment-receiver-1", request.ApplicationProperties["associated-link-name"]);
        var body = Assert.IsType<Map>(request.Body);
        Assert.Equal(new[] { lockToken }, Assert.IsType<Guid[]>(body[new Symbol("lock-tokens")]));
        Assert.Equal("fulfillment/$management", AmqpBrokerDialect.ManagementAddress(ServiceBus.QueueAddress("fulfillment")));
    }

    [Fact]
    public void A_renew_lock_response_gives_the_new_expiry_and_410_means_the_lock_is_gone()
    {
        var until = new DateTime(2030, 1, 1, 12, 0, 30, DateTimeKind.Utc);
        var ok = Response(200, new Map { [new Symbol("expirations")] = new[] { until } });
        var gone = Response(410, null);

        Assert.Equal(new DateTimeOffset(until), ManagementRequests.RenewedUntil(ManagementStatus.EnsureSuccess(ok, "q/$management")));
        Assert.Throws<LockGoneException>(() => ManagementStatus.EnsureSuccess(gone, "q/$management"));
        Assert.Throws<AmqpException>(() => ManagementStatus.EnsureSuccess(Response(500, null), "q/$management"));
    }

    [Fact]
    public void Peeking_dead_letters_asks_the_dead_letter_queue_management_node_and_decodes_the_messages()
    {
        var request = ManagementRequests.PeekMessages(fromSequenceNumber: 7, messageCount: 10);
        var body = Assert.IsType<Map>(request.Body);
        Assert.Equal("com.microsoft:peek-message", request.ApplicationProperties["operation"]);
        Assert.Equal(7L, body[new Symbol("from-sequence-number")]);
        Assert.Equal(10, body[new Symbol("message-count")]);
        Assert.Equal("fulfillment/$DeadLetterQueue/$management", AmqpBrokerDialect.ManagementAddress(ServiceBus.DeadLetterAddress("fulfillment")));

        var deadLetter = DeadLetterAsServiceBusDeliversIt(sequenceNumber: 7);
        var encoded = deadLetter.Encode();
        var response = Response(200, new Map
        {
            [new Symbol("messages")] = new List { new Map { [new Symbol("message")] = encoded.Buffer.AsSpan(encoded.Offset, encoded.Length).ToArray() } },
        });

        var peeked = AmqpMessageReader.Read(Assert.Single(ManagementRequests.PeekedMessages(response)), SubQueue.DeadLetter, null, null, peeked: true);
        Assert.Equal(("cmd-1", 7L, "PaymentDeclined", "The card expired.", 2), (peeked.MessageId, peeked.SequenceNumber, peeked.DeadLetterReason, peeked.DeadLetterDescription, peeked.DeliveryCount));
        Assert.Null(peeked.LockToken);
        Assert.Empty(ManagementRequests.PeekedMessages(Response(204, null)));
    }

    [Fact]
    public void Abandon_is_Modified_with_delivery_failed_on_Service_Bus_and_Released_on_RabbitMQ()
    {
        var modified = Assert.IsType<Modified>(DeliveryOutcomes.Abandon(ServiceBus));
        Assert.True(modified.DeliveryFailed);
        Assert.False(modified.UndeliverableHere);
        Assert.IsType<Released>(DeliveryOutcomes.Abandon(RabbitMq));
        Assert.IsType<Accepted>(DeliveryOutcomes.Complete());
    }

    [Fact]
    public void Dead_lettering_is_Rejected_with_the_Service_Bus_condition_and_reason_and_description_as_info()
    {
        var rejected = Assert.IsType<Rejected>(DeliveryOutcomes.DeadLetter("PaymentDeclined", "The card expired."));

        Assert.Equal(new Symbol("com.microsoft:dead-letter"), rejected.Error.Condition);
        Assert.Equal("PaymentDeclined", rejected.Error.Info[new Symbol("DeadLetterReason")]);
        Assert.Equal("The card expired.", rejected.Error.Info[new Symbol("DeadLetterErrorDescription")]);
    }

    [Fact]
    public void Addresses_are_the_queue_and_its_DeadLetterQueue_on_Service_Bus_and_amq_queue_paths_on_RabbitMQ()
    {
        Assert.Equal(("fulfillment", "fulfillment/$DeadLetterQueue"), (ServiceBus.QueueAddress("fulfillment"), ServiceBus.DeadLetterAddress("fulfillment")));
        Assert.Equal(("/amq/queue/fulfillment", "/amq/queue/fulfillment.dlq"), (RabbitMq.QueueAddress("fulfillment"), RabbitMq.DeadLetterAddress("fulfillment")));
    }

    [Fact]
    public void A_message_carries_its_ids_subject_content_type_and_CloudEvents_properties_and_a_schedule_as_annotation_on_Service_Bus()
    {
        var due = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var sent = TestMessages.Command("cmd-1") with { ScheduledEnqueueTime = due };

        var amqp = AmqpMessageWriter.Write(sent, ServiceBus, TimeProvider.System);

        Assert.Equal(("cmd-1", "o-42", "shop.fulfillment.reserve.v1", "application/json"),
            ((string)amqp.Properties.MessageId, (string)amqp.Properties.CorrelationId, amqp.Properties.Subject, (string)amqp.Properties.ContentType));
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", amqp.ApplicationProperties["traceparent"]);
        Assert.Equal("/saga", amqp.ApplicationProperties["cloudEvents:source"]);
        Assert.Equal(due.UtcDateTime, amqp.MessageAnnotations[new Symbol("x-opt-scheduled-enqueue-time")]);
        Assert.Null(amqp.MessageAnnotations[new Symbol("x-opt-sequence-number")]); // the broker assigns it on Service Bus
        Assert.Equal(sent.Body.ToArray(), Assert.IsType<Data>(amqp.BodySection).Binary);
    }

    [Fact]
    public void RabbitMQ_refuses_a_schedule_and_gets_sequence_numbers_stamped_in_send_order()
    {
        Assert.Throws<NotSupportedException>(() =>
            AmqpMessageWriter.Write(TestMessages.Text("later") with { ScheduledEnqueueTime = DateTimeOffset.UtcNow.AddMinutes(1) }, RabbitMq, TimeProvider.System));

        var first = AmqpMessageWriter.Write(TestMessages.Text("a"), RabbitMq, TimeProvider.System);
        var second = AmqpMessageWriter.Write(TestMessages.Text("b"), RabbitMq, TimeProvider.System);
        Assert.True((long)second.MessageAnnotations[new Symbol("x-opt-sequence-number")] > (long)first.MessageAnnotations[new Symbol("x-opt-sequence-number")]);
    }

    [Fact]
    public void A_Service_Bus_batch_is_one_transfer_in_the_batch_format_whose_sections_decode_to_the_messages()
    {
        var messages = new[] { "a", "b", "c" }.Select(id => AmqpMessageWriter.Write(TestMessages.Text(id), ServiceBus, TimeProvider.System)).ToList();

        var batch = AmqpMessageWriter.Batch(messages);

        Assert.Equal(0x80013700u, batch.Format);
        var sections = Assert.IsType<DataList>(batch.BodySection);
        var decoded = Enumerable.Range(0, sections.Count)
            .Select(i => Message.Decode(new ByteBuffer(sections[i].Binary, 0, sections[i].Binary.Length, sections[i].Binary.Length)))
            .Select(m => (string)m.Properties.MessageId);
        Assert.Equal(new[] { "a", "b", "c" }, decoded);
    }

    [Fact]
    public void A_received_Service_Bus_delivery_reads_delivery_count_lock_expiry_and_sequence_from_header_and_annotations()
    {
        var delivery = DeadLetterAsServiceBusDeliversIt(sequenceNumber: 42);
        var lockedUntil = new DateTime(2030, 1, 1, 12, 1, 0, DateTimeKind.Utc);
        delivery.MessageAnnotations[new Symbol("x-opt-locked-until")] = lockedUntil;

        var received = AmqpMessageReader.Read(delivery, SubQueue.DeadLetter, "lock", lockedUntil: DateTimeOffset.UnixEpoch);

        Assert.Equal(3, received.DeliveryCount); // the header counts earlier deliveries
        Assert.Equal(42, received.SequenceNumber);
        Assert.Equal(new DateTimeOffset(lockedUntil), received.LockedUntil);
        Assert.Equal("PaymentDeclined", received.DeadLetterReason);
        Assert.DoesNotContain("DeadLetterReason", received.ApplicationProperties.Keys); // surfaced as the reason, not a property
        Assert.Equal("shop.fulfillment.reserve.v1", received.ApplicationProperties["cloudEvents:type"]);
    }

    [Fact]
    public void Reconnect_backoff_doubles_from_200_ms_with_jitter_up_to_5_s()
    {
        Assert.InRange(AmqpConnectionScope.Backoff(1), TimeSpan.FromMilliseconds(160), TimeSpan.FromMilliseconds(240));
        Assert.InRange(AmqpConnectionScope.Backoff(4), TimeSpan.FromMilliseconds(1280), TimeSpan.FromMilliseconds(1920));
        Assert.InRange(AmqpConnectionScope.Backoff(50), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
    }

    /// <summary>A dead letter as Service Bus delivers it: header delivery-count, broker annotations, the reason as properties.</summary>
    private static Message DeadLetterAsServiceBusDeliversIt(long sequenceNumber)
    {
        var message = AmqpMessageWriter.Write(TestMessages.Command("cmd-1"), ServiceBus, TimeProvider.System);
        message.Header = new Header { DeliveryCount = 2 };
        message.MessageAnnotations[new Symbol("x-opt-sequence-number")] = sequenceNumber;
        message.MessageAnnotations[new Symbol("x-opt-enqueued-time")] = new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        message.ApplicationProperties["DeadLetterReason"] = "PaymentDeclined";
        message.ApplicationProperties["DeadLetterErrorDescription"] = "The card expired.";
        return message;
    }

    private static Message Response(int status, object? body)
    {
        var response = new Message(body) { ApplicationProperties = new ApplicationProperties() };
        response.ApplicationProperties["status-code"] = status;
        return response;
    }
}
