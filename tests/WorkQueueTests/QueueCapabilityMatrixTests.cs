using System.Globalization;
using System.Reflection;
using System.Text;
using EdaAspire.WorkQueueTests.Conformance;
using EdaAspire.WorkQueueTests.RabbitMq;
using EdaAspire.WorkQueueTests.ServiceBus;
using Xunit.Abstractions;

namespace EdaAspire.WorkQueueTests;

/// <summary>
/// Lists which queue behaviour is proved against which broker: the conformance suite against SQLite and RabbitMQ
/// (with RabbitMQ's declared alternatives), and the Service Bus-only behaviours at the adapter seam. Written to the test
/// output and to artifacts/queue-capabilities.md; fails if a seam test it names does not exist.
/// </summary>
public sealed class QueueCapabilityMatrixTests(ITestOutputHelper output)
{
    private const string Proved = "proved";

    [Fact]
    public void The_capability_matrix_names_existing_tests_for_every_behaviour()
    {
        var rabbit = RabbitMqWorkQueueConformanceTests.RabbitMqCapabilities;
        string Rabbit(bool supported, string alternative) => supported ? Proved : $"declared: {alternative}";
        (string Behaviour, string Sqlite, string RabbitMq, Type? Seam, string[] SeamTests)[] rows =
        [
            ("send, receive, complete; ids, subject, content type, CloudEvents properties, traceparent", Proved, Proved,
                typeof(ServiceBusWireTests), ["A_message_carries_its_ids_subject_content_type_and_CloudEvents_properties_and_a_schedule_as_annotation_on_Service_Bus"]),
            ("batch send (Service Bus: one batch-format transfer)", Proved, Proved,
                typeof(ServiceBusWireTests), ["A_Service_Bus_batch_is_one_transfer_in_the_batch_format_whose_sections_decode_to_the_messages"]),
            ("competing consumers, one process and two processes", Proved, Proved, null, []),
            ("peek-lock; settling twice or after expiry → MessageLockLostException", Proved, Proved, null, []),
            ("timed locks and renewal", Proved, rabbit.SupportsTimedLocks ? "proved (lock kept by the adapter)" : "declared: NotSupportedException",
                typeof(ServiceBusWireTests), ["Renew_lock_is_a_management_request_with_the_lock_token_array_and_the_receiver_link", "A_renew_lock_response_gives_the_new_expiry_and_410_means_the_lock_is_gone"]),
            ("abandon → redelivery (Modified on Service Bus, Released on RabbitMQ)", Proved, Proved,
                typeof(ServiceBusWireTests), ["Abandon_is_Modified_with_delivery_failed_on_Service_Bus_and_Released_on_RabbitMQ"]),
            ("abandon with retry delay", Proved, Rabbit(rabbit.SupportsRetryDelay, "NotSupportedException"), null, []),
            ("delivery count", Proved, Rabbit(rabbit.SupportsDeliveryCount, "always 1 (RabbitMQ 3.x sets no delivery-count)"),
                typeof(ServiceBusWireTests), ["A_received_Service_Bus_delivery_reads_delivery_count_lock_expiry_and_sequence_from_header_and_annotations"]),
            ("max delivery count → dead-letter queue", Proved, "proved (quorum queue x-delivery-limit)", null, []),
            ("dead-letter reason and description", Proved, Rabbit(rabbit.ReportsDeadLetterReason, "null (RabbitMQ drops the error info)"),
                typeof(ServiceBusWireTests), ["Dead_lettering_is_Rejected_with_the_Service_Bus_condition_and_reason_and_description_as_info"]),
            ("dead-letter queue address", "n/a", "proved (<queue>.dlq)",
                typeof(ServiceBusWireTests), ["Addresses_are_the_queue_and_its_DeadLetterQueue_on_Service_Bus_and_amq_queue_paths_on_RabbitMQ"]),
            ("peek dead letters (Service Bus: peek-message; RabbitMQ: browse = receive + release)", Proved, Proved,
                typeof(ServiceBusWireTests), ["Peeking_dead_letters_asks_the_dead_letter_queue_management_node_and_decodes_the_messages"]),
            ("resubmit and purge dead letters", Proved, Proved, null, []),
            ("duplicate detection", Proved, Rabbit(rabbit.SupportsDuplicateDetection, "both delivered"), null, []),
            ("scheduled messages", Proved, Rabbit(rabbit.SupportsScheduling, "NotSupportedException"),
                typeof(ServiceBusWireTests), ["RabbitMQ_refuses_a_schedule_and_gets_sequence_numbers_stamped_in_send_order"]),
            ("counts (active, scheduled, dead-lettered, in flight)", Proved,
                $"proved via management API (trail ≤ {rabbit.CountsTrailBy.TotalSeconds:0} s); Service Bus: NotSupportedException", null, []),
            ("CBS put-token (SAS, JWT), refreshed before expiry", "n/a", "n/a (SASL PLAIN)",
                typeof(ServiceBusWireTests), ["A_SAS_token_is_signed_over_the_encoded_audience_and_expiry_with_the_key_name", "The_CBS_put_token_request_carries_operation_type_audience_and_expiry", "A_token_is_refreshed_five_minutes_before_expiry_or_at_90_percent_of_a_short_lifetime"]),
            ("connection strings as Aspire hands them over", Proved, Proved,
                typeof(AmqpConnectionStringTests), ["A_connection_string_names_broker_host_port_tls_and_credential", "A_bad_connection_string_says_what_is_wrong_without_its_secrets"]),
            ("reconnect with backoff", "n/a", "n/a", typeof(ServiceBusWireTests), ["Reconnect_backoff_doubles_from_200_ms_with_jitter_up_to_5_s"]),
        ];

        var table = new StringBuilder()
            .AppendLine("# Work-queue capabilities: which behaviour is proved against which broker")
            .AppendLine()
            .AppendLine("| behaviour | SQLite (conformance) | RabbitMQ 3.x AMQP 1.0 (conformance) | Service Bus wire (seam tests) |")
            .AppendLine("|---|---|---|---|");
        foreach (var (behaviour, sqlite, rabbitMq, seam, seamTests) in rows)
        {
            foreach (var test in seamTests)
            {
                Assert.True(seam!.GetMethod(test, BindingFlags.Public | BindingFlags.Instance)?.GetCustomAttributes<FactAttribute>().Any() == true,
                    $"The matrix names {seam.Name}.{test}, which is not a test.");
            }

            var seamCell = seamTests.Length == 0 ? "—" : string.Join("<br>", seamTests.Select(t => $"{seam!.Name}.{t}"));
            table.AppendLine(CultureInfo.InvariantCulture, $"| {behaviour} | {sqlite} | {rabbitMq} | {seamCell} |");
        }

        output.WriteLine(table.ToString());
        var artifacts = Path.Combine(RepositoryRoot(), "artifacts");
        Directory.CreateDirectory(artifacts);
        File.WriteAllText(Path.Combine(artifacts, "queue-capabilities.md"), table.ToString());
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EdaAspire.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
