using EdaAspire.Contracts.Orders;
using EdaAspire.Ingestion.Api.Admission;

namespace EdaAspire.UnitTests.Ingestion;

/// <summary>The decision on the saga's last answer: limits, stale answers, a saga that cannot be asked.</summary>
public sealed class AdmissionPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly AdmissionOptions Limits = new()
    {
        MaxSagaLag = 1_000,
        MaxOutboxBacklog = 500,
        MaxQueueDepth = 200,
        MaxAnswerAge = TimeSpan.FromSeconds(10),
    };

    private static AdmissionStatus DecideAt(DateTimeOffset now, SagaObservation observation) => AdmissionPolicy.Decide(observation, now, Limits);

    private static SagaObservation Answer(long? lag, long outbox) => SagaObservation.None.Answered(new SagaBacklog(lag, outbox), T0);

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1_000L, 500L)]
    [InlineData(null, 500L)]
    public void At_or_under_both_limits_orders_are_accepted(long? lag, long outbox)
    {
        var status = DecideAt(T0, Answer(lag, outbox));

        Assert.False(status.Shedding);
        Assert.Equal(AdmissionPolicy.WithinLimits, status.Reason);
        Assert.Equal(new SagaBacklog(lag, outbox), status.Backlog);
    }

    [Fact]
    public void Over_the_lag_limit_orders_are_shed_and_the_detail_names_both_numbers()
    {
        var status = DecideAt(T0.AddSeconds(3), Answer(1_234, 0));

        Assert.True(status.Shedding);
        Assert.Equal(AdmissionPolicy.SagaLag, status.Reason);
        Assert.Equal("The order saga is 1,234 events behind (limit 1,000).", status.Detail);
        Assert.Equal(T0, status.CheckedAt);
    }

    [Fact]
    public void Over_the_outbox_limit_orders_are_shed()
    {
        var status = DecideAt(T0, Answer(0, 501));

        Assert.True(status.Shedding);
        Assert.Equal(AdmissionPolicy.OutboxBacklog, status.Reason);
        Assert.Equal("The order saga has 501 messages waiting in its outbox (limit 500).", status.Detail);
    }

    [Theory]
    [InlineData(200L, false)]
    [InlineData(null, false)]
    [InlineData(201L, true)]
    public void Over_the_queue_depth_limit_orders_are_shed(long? depth, bool shedding)
    {
        var status = DecideAt(T0, SagaObservation.None.Answered(new SagaBacklog(0, 0, depth), T0));

        Assert.Equal(shedding, status.Shedding);
        Assert.Equal(shedding ? AdmissionPolicy.QueueDepth : AdmissionPolicy.WithinLimits, status.Reason);
        Assert.Equal(
            shedding ? "201 fulfillment commands wait for a worker (limit 200)." : $"The order saga keeps up: 0 events behind, 0 in its outbox, {(depth is null ? "unknown" : "200")} commands queued.",
            status.Detail);
    }

    [Fact]
    public void An_answer_older_than_the_limit_no_longer_sheds()
    {
        var overLimit = Answer(5_000, 0);

        Assert.True(DecideAt(T0 + Limits.MaxAnswerAge, overLimit).Shedding);
        var stale = DecideAt(T0 + Limits.MaxAnswerAge + TimeSpan.FromTicks(1), overLimit);

        Assert.False(stale.Shedding);
        Assert.Equal(AdmissionPolicy.StaleAnswer, stale.Reason);
    }

    [Fact]
    public void A_failed_call_keeps_a_recent_answer_shedding_until_it_is_too_old()
    {
        var unanswered = Answer(5_000, 0).Unanswered(T0.AddSeconds(1), "connection refused");

        var recent = DecideAt(T0.AddSeconds(2), unanswered);
        Assert.True(recent.Shedding);
        Assert.Equal(T0.AddSeconds(1), recent.CheckedAt);

        var old = DecideAt(T0.AddSeconds(11), unanswered);
        Assert.False(old.Shedding);
        Assert.Equal(AdmissionPolicy.SagaUnreachable, old.Reason);
        Assert.Contains("connection refused", old.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_saga_that_never_answered_is_no_reason_to_refuse_orders()
    {
        Assert.Equal(AdmissionPolicy.NoAnswerYet, DecideAt(T0, SagaObservation.None).Reason);

        var unreachable = DecideAt(T0, SagaObservation.None.Unanswered(T0, "no answer within 2 s"));

        Assert.False(unreachable.Shedding);
        Assert.Equal(AdmissionPolicy.SagaUnreachable, unreachable.Reason);
        Assert.Null(unreachable.Backlog);
    }

    [Fact]
    public void A_new_answer_replaces_a_failure()
    {
        var observation = Answer(0, 0).Unanswered(T0.AddSeconds(1), "timeout").Answered(new SagaBacklog(2_000, 0), T0.AddSeconds(2));

        var status = DecideAt(T0.AddSeconds(2), observation);

        Assert.True(status.Shedding);
        Assert.Null(observation.Failure);
        Assert.Equal(T0.AddSeconds(2), status.CheckedAt);
    }
}
