extern alias notifications;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using notifications::EdaAspire.Notifications.Worker;

namespace EdaAspire.IntegrationTests.Notifications;

/// <summary>Listens to one host's <c>eda.notifications.sent</c> and sums it by channel and outcome.</summary>
public sealed class SentNotifications : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Channel, string Outcome), long> _counts = new();

    public SentNotifications(IServiceProvider host)
    {
        // Other hosts in this test process may run the channels too: their meters come from their own factories.
        var meters = host.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == NotificationsTelemetry.Name && instrument.Name == NotificationsTelemetry.SentInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? channel = null, outcome = null;
            foreach (var tag in tags)
            {
                channel = tag.Key == NotificationsTelemetry.ChannelAttribute ? tag.Value as string : channel;
                outcome = tag.Key == NotificationsTelemetry.OutcomeAttribute ? tag.Value as string : outcome;
            }

            _counts.AddOrUpdate((channel!, outcome!), value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    public long this[string channel, string outcome] => _counts.GetValueOrDefault((channel, outcome));

    public void Dispose() => _listener.Dispose();
}
