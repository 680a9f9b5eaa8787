using System.Globalization;
using System.Reflection;
using System.Text;
using EdaAspire.WorkQueueTests.ServiceBus;
using Xunit.Abstractions;

namespace EdaAspire.WorkQueueTests;

/// <summary>
/// Lists which queue behaviour is proved where: the conformance suite against SQLite (here), the Service Bus adapter at
/// its seam with the SDK (here), and the conformance suite against the Service Bus emulator (the online workflow's
/// servicebus-emulator job, which has Docker). Written to the test output and to artifacts/queue-capabilities.md; fails if
/// a seam test it names does not exist.
/// </summary>
public sealed class QueueCapabilityMatrixTests(ITestOutputHelper output)
{
    private const string Proved = "proved";
    private const string Online = "conformance (online workflow)";

    [Fact]
    public void The_capability_matrix_names_existing_tests_for_every_behaviour()
    {
        var send = typeof(ServiceBusSendReceiveTests);
        var settle = typeof(ServiceBusSettlementTests);
        var deadLetters = typeof(ServiceBusDeadLetterTests);
        var connection = typeof(ServiceBusConnectionTests);
        (string Behaviour, string Sqlite, string Emulator, (Type Class, string Test)[] Seam)[] rows =
        [
            ("send, receive, complete; ids, subject, content type, CloudEvents properties, traceparent", Proved, Online,
                [(send, "A_message_goes_to_the_SDK_with_ids_subject_content_type_CloudEvents_properties_traceparent_and_schedule"),
                 (send, "A_received_message_carries_the_brokers_sequence_delivery_count_lock_and_only_the_senders_properties")]),
            ("batch send (one SDK send: all or none)", Proved, Online, [(send, "A_batch_is_one_SDK_send_in_order_and_an_invalid_message_sends_nothing")]),
            ("competing consumers, one process and two processes", Proved, Online, []),
            ("peek-lock; settling twice or after the lock is lost → MessageLockLostException", Proved, Online,
                [(settle, "A_lock_the_broker_reports_lost_throws_MessageLockLost_and_the_delivery_is_no_longer_held"),
                 (settle, "A_settled_delivery_cannot_be_settled_again_and_a_peeked_one_cannot_be_settled_at_all")]),
            ("timed locks and renewal", Proved, Online,
                [(settle, "Complete_abandon_dead_letter_and_renew_are_the_SDKs_calls_on_the_received_message"),
                 (settle, "A_lost_lock_on_renewal_throws_MessageLockLost")]),
            ("abandon → redelivery with the delivery count incremented", Proved, Online,
                [(settle, "Complete_abandon_dead_letter_and_renew_are_the_SDKs_calls_on_the_received_message"),
                 (send, "A_copy_the_adapter_sent_comes_back_under_the_ports_id_with_its_earlier_deliveries_counted")]),
            ("abandon with retry delay (Service Bus: a scheduled copy)", Proved, Online,
                [(settle, "Abandoning_with_a_delay_schedules_a_copy_under_a_new_broker_id_then_completes_the_delivery")]),
            ("max delivery count → dead-letter queue", Proved, Online,
                [(settle, "Abandoning_with_a_delay_at_the_max_delivery_count_dead_letters_as_the_broker_would")]),
            ("dead-letter reason and description", Proved, Online,
                [(settle, "Complete_abandon_dead_letter_and_renew_are_the_SDKs_calls_on_the_received_message"),
                 (deadLetters, "Peeking_dead_letters_reads_the_sub_queue_from_a_sequence_number_with_reason_and_no_lock")]),
            ("peek dead letters", Proved, Online, [(deadLetters, "Peeking_dead_letters_reads_the_sub_queue_from_a_sequence_number_with_reason_and_no_lock")]),
            ("resubmit and purge dead letters", Proved, Online,
                [(deadLetters, "Resubmitting_by_sequence_number_sends_a_fresh_copy_completes_that_dead_letter_and_abandons_the_others"),
                 (deadLetters, "Resubmitting_a_sequence_number_that_is_not_there_locks_nothing"),
                 (deadLetters, "Purging_deletes_dead_letters_in_receive_and_delete_mode_until_none_come")]),
            ("duplicate detection (Service Bus: the queue's own, on the port's message id)", Proved, Online, []),
            ("scheduled messages", Proved, Online,
                [(send, "A_message_goes_to_the_SDK_with_ids_subject_content_type_CloudEvents_properties_traceparent_and_schedule")]),
            ("counts (active, scheduled, dead-lettered; in flight)", Proved, "declared: NotSupportedException (no management in the emulator)",
                [(deadLetters, "Counts_come_from_the_administration_client_and_are_unsupported_where_management_is_not")]),
            ("transient errors: the SDK's retries, then the caller; the receive loop backs off and resumes", "n/a", "n/a",
                [(send, "A_transient_failure_the_SDKs_retries_did_not_cure_reaches_the_caller_unchanged"),
                 (settle, "A_transient_failure_to_settle_keeps_the_delivery_so_the_caller_can_settle_it_again"),
                 (settle, "The_receive_loop_outlives_a_transient_failure_and_hands_the_next_message_to_its_handler")]),
            ("connection strings as Aspire hands them over; the Aspire:Azure:Messaging:ServiceBus section", "n/a", "emulator string",
                [(connection, "The_emulator_string_is_handed_to_the_SDK_as_written_and_has_no_counts"),
                 (connection, "A_namespace_alone_means_DefaultAzureCredential_on_its_host"),
                 (connection, "The_Aspire_section_configures_the_client_and_the_connection_string_wins_over_it"),
                 (connection, "A_malformed_connection_string_names_the_key_and_never_the_secret")]),
        ];

        var table = new StringBuilder()
            .AppendLine("# Work-queue capabilities: which behaviour is proved against which broker")
            .AppendLine()
            .AppendLine("SQLite: the conformance suite, offline. Service Bus seam: the adapter against the SDK's mockable clients, offline.")
            .AppendLine("Service Bus emulator: the same conformance suite in the online workflow (`.github/workflows/aspire.yml`, job `servicebus-emulator`).")
            .AppendLine()
            .AppendLine("| behaviour | SQLite (conformance) | Service Bus (seam tests) | Service Bus emulator |")
            .AppendLine("|---|---|---|---|");
        foreach (var (behaviour, sqlite, emulator, seam) in rows)
        {
            foreach (var (type, test) in seam)
            {
                var method = type.GetMethod(test, BindingFlags.Public | BindingFlags.Instance);
                Assert.True(method?.GetCustomAttributes<FactAttribute>().Any() == true, $"The matrix names {type.Name}.{test}, which is not a test.");
            }

            var seamCell = seam.Length == 0 ? "—" : string.Join("<br>", seam.Select(s => $"{s.Class.Name}.{s.Test}"));
            table.AppendLine(CultureInfo.InvariantCulture, $"| {behaviour} | {sqlite} | {seamCell} | {emulator} |");
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
