using System.Diagnostics.Metrics;
using EdaAspire.Contracts.Orders;
using Microsoft.Extensions.Options;

namespace EdaAspire.Ingestion.Api.Admission;

/// <summary>
/// The admission state of this process: what the saga last said (written by <see cref="SagaBacklogPoller"/>), the
/// decision on it (read by every order), a log line when shedding starts or stops, and the metrics
/// <c>ingestion.orders.shed</c> (refused orders by reason) and <c>ingestion.orders.shedding</c> (1 while shedding).
/// </summary>
public sealed class AdmissionControl
{
    public const string MeterName = "EdaAspire.Ingestion";

    private readonly IOptions<AdmissionOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AdmissionControl> _logger;
    private readonly Counter<long> _shed;
    private readonly bool _enabled;
    private SagaObservation _observation = SagaObservation.None;
    private int _shedding;

    /// <param name="enabled">False where it is switched off or no saga is referenced: nothing is asked and nothing shed.</param>
    public AdmissionControl(IOptions<AdmissionOptions> options, TimeProvider time, IMeterFactory meters, ILogger<AdmissionControl> logger, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(meters);
        (_options, _time, _logger, _enabled) = (options, time, logger, enabled);
        var meter = meters.Create(MeterName);
        _shed = meter.CreateCounter<long>("ingestion.orders.shed", "{order}", "Orders refused with 503 because the order saga was too far behind.");
        meter.CreateObservableGauge("ingestion.orders.shedding", () => Status().Shedding ? 1 : 0, description: "1 while new orders are refused because the order saga is too far behind.");
    }

    public void Answered(SagaBacklog backlog) => Observe(o => o.Answered(backlog, _time.GetUtcNow()));

    public void Unanswered(string failure) => Observe(o => o.Unanswered(_time.GetUtcNow(), failure));

    /// <summary>The decision now; logs once each time it turns from accepting to shedding or back.</summary>
    public AdmissionStatus Status()
    {
        if (!_enabled)
        {
            return AdmissionPolicy.Unconfigured;
        }

        var status = AdmissionPolicy.Decide(Volatile.Read(ref _observation), _time.GetUtcNow(), _options.Value);
        var shedding = status.Shedding ? 1 : 0;
        if (Interlocked.Exchange(ref _shedding, shedding) != shedding)
        {
            if (status.Shedding)
            {
                _logger.LogWarning("Shedding new orders ({Reason}): {Detail}", status.Reason, status.Detail);
            }
            else
            {
                _logger.LogInformation("Accepting new orders again ({Reason}): {Detail}", status.Reason, status.Detail);
            }
        }

        return status;
    }

    /// <summary>Counts an order refused under <paramref name="status"/>.</summary>
    public void Refused(AdmissionStatus status) =>
        _shed.Add(1, new KeyValuePair<string, object?>("eda.admission.reason", status?.Reason));

    private void Observe(Func<SagaObservation, SagaObservation> change)
    {
        // One writer (the poller), so read-modify-write needs no loop.
        Volatile.Write(ref _observation, change(Volatile.Read(ref _observation)));
    }
}
