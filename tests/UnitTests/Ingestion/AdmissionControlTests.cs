using System.Diagnostics.Metrics;
using EdaAspire.Contracts.Orders;
using EdaAspire.Ingestion.Api.Admission;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdaAspire.UnitTests.Ingestion;

/// <summary>The admission state over time: one log line per change of mind, refusals counted by reason.</summary>
public sealed class AdmissionControlTests : IDisposable
{
    private static readonly AdmissionOptions Limits = new() { MaxSagaLag = 100, MaxOutboxBacklog = 100, MaxAnswerAge = TimeSpan.FromSeconds(10) };

    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<AdmissionControl> _log = new();

    private AdmissionControl Control(bool enabled = true) =>
        new(Options.Create(Limits), _time, _metrics.GetRequiredService<IMeterFactory>(), _log, enabled);

    [Fact]
    public void Starting_and_stopping_to_shed_are_logged_once_each_however_often_it_is_asked()
    {
        var control = Control();
        control.Answered(new SagaBacklog(150, 0));
        Enumerable.Range(0, 5).ToList().ForEach(_ => Assert.True(control.Status().Shedding));

        control.Answered(new SagaBacklog(20, 0));
        Enumerable.Range(0, 5).ToList().ForEach(_ => Assert.False(control.Status().Shedding));

        var lines = _log.Collector.GetSnapshot();
        Assert.Equal([LogLevel.Warning, LogLevel.Information], lines.Select(l => l.Level));
        Assert.Contains("150 events behind", lines[0].Message, StringComparison.Ordinal);
        Assert.Contains("Accepting new orders again", lines[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_saga_silent_past_the_answer_age_stops_the_shedding_on_the_clock_alone()
    {
        var control = Control();
        control.Answered(new SagaBacklog(0, 150));
        Assert.Equal(AdmissionPolicy.OutboxBacklog, control.Status().Reason);

        _time.Advance(TimeSpan.FromSeconds(5));
        control.Unanswered("connection refused");
        Assert.True(control.Status().Shedding);

        _time.Advance(TimeSpan.FromSeconds(6));
        var status = control.Status();
        Assert.False(status.Shedding);
        Assert.Equal(AdmissionPolicy.SagaUnreachable, status.Reason);
        Assert.Equal(2, _log.Collector.Count);
    }

    [Fact]
    public void Refused_orders_are_counted_by_reason_and_the_gauge_shows_the_shedding()
    {
        var control = Control();
        using var shed = new MetricCollector<long>(_metrics.GetRequiredService<IMeterFactory>(), AdmissionControl.MeterName, "ingestion.orders.shed");
        using var shedding = new MetricCollector<int>(_metrics.GetRequiredService<IMeterFactory>(), AdmissionControl.MeterName, "ingestion.orders.shedding");

        control.Answered(new SagaBacklog(101, 0));
        control.Refused(control.Status());
        control.Refused(control.Status());
        shedding.RecordObservableInstruments();

        Assert.Equal([AdmissionPolicy.SagaLag, AdmissionPolicy.SagaLag], shed.GetMeasurementSnapshot().Select(m => m.Tags["eda.admission.reason"]));
        Assert.Equal(1, shedding.LastMeasurement?.Value);

        control.Answered(new SagaBacklog(0, 0));
        shedding.RecordObservableInstruments();
        Assert.Equal(0, shedding.LastMeasurement?.Value);
    }

    [Fact]
    public void Switched_off_or_without_a_saga_nothing_is_shed()
    {
        var control = Control(enabled: false);
        control.Answered(new SagaBacklog(1_000_000, 1_000_000));

        var status = control.Status();

        Assert.False(status.Shedding);
        Assert.Equal(AdmissionPolicy.NotConfigured, status.Reason);
        Assert.Empty(_log.Collector.GetSnapshot());
    }

    public void Dispose() => _metrics.Dispose();
}
