using System.Globalization;
using EdaAspire.Contracts.Orders;

namespace EdaAspire.Ingestion.Api.Admission;

/// <summary>
/// Whether to take new orders, from what the saga last said. Sheds only on a recent answer over a limit: a saga that
/// cannot be asked is no reason to refuse, since an accepted order waits durably in the log until the saga is back.
/// </summary>
public static class AdmissionPolicy
{
    public const string SagaLag = "saga-lag";
    public const string OutboxBacklog = "outbox-backlog";
    public const string QueueDepth = "queue-depth";
    public const string WithinLimits = "within-limits";
    public const string SagaUnreachable = "saga-unreachable";
    public const string StaleAnswer = "stale-answer";
    public const string NoAnswerYet = "no-answer-yet";
    public const string NotConfigured = "not-configured";

    public static AdmissionStatus Decide(SagaObservation observation, DateTimeOffset now, AdmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(options);
        var (backlog, answeredAt, failedAt, failure) = observation;
        if (backlog is null || answeredAt is not { } at)
        {
            return failedAt is null
                ? Accept(NoAnswerYet, "The order saga has not been asked yet; orders are accepted.", observation)
                : Accept(SagaUnreachable, $"The order saga did not answer ({failure}); orders are accepted and wait in the log.", observation);
        }

        if (now - at > options.MaxAnswerAge)
        {
            return failedAt is null
                ? Accept(StaleAnswer, $"The order saga's last answer is {Seconds(now - at)} old; orders are accepted.", observation)
                : Accept(SagaUnreachable, $"The order saga has not answered for {Seconds(now - at)} ({failure}); orders are accepted and wait in the log.", observation);
        }

        if (backlog.OrdersLag is { } lag && lag > options.MaxSagaLag)
        {
            return Shed(SagaLag, $"The order saga is {Count(lag)} events behind (limit {Count(options.MaxSagaLag)}).", observation);
        }

        if (backlog.OutboxBacklog > options.MaxOutboxBacklog)
        {
            return Shed(OutboxBacklog, $"The order saga has {Count(backlog.OutboxBacklog)} messages waiting in its outbox (limit {Count(options.MaxOutboxBacklog)}).", observation);
        }

        if (backlog.QueueDepth is { } depth && depth > options.MaxQueueDepth)
        {
            return Shed(QueueDepth, $"{Count(depth)} fulfillment commands wait for a worker (limit {Count(options.MaxQueueDepth)}).", observation);
        }

        return Accept(WithinLimits, $"The order saga keeps up: {Known(backlog.OrdersLag)} events behind, {Count(backlog.OutboxBacklog)} in its outbox, {Known(backlog.QueueDepth)} commands queued.", observation);
    }

    /// <summary>The answer when switched off or no saga is referenced (no <c>services:saga</c>): nothing to ask, nothing shed.</summary>
    public static AdmissionStatus Unconfigured { get; } =
        new(false, NotConfigured, "Admission control is off (Ingestion:Admission:Enabled) or no order saga is referenced (services:saga); orders are accepted.", null, null);

    private static AdmissionStatus Shed(string reason, string detail, SagaObservation o) => new(true, reason, detail, o.Backlog, o.CheckedAt);

    private static AdmissionStatus Accept(string reason, string detail, SagaObservation o) => new(false, reason, detail, o.Backlog, o.CheckedAt);

    private static string Known(long? value) => value is { } known ? Count(known) : "unknown";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan age) => $"{age.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s";
}
