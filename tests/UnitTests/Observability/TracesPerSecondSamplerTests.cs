using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;

namespace EdaAspire.UnitTests.Observability;

/// <summary>
/// The services' sampler as ServiceDefaults sets it up: with <c>Tracing:MaxTracesPerSecond</c>, at most that many new
/// traces a second, each recorded whole, whatever <c>OTEL_TRACES_SAMPLER</c> (Aspire's <c>always_on</c>) says.
/// </summary>
public sealed class TracesPerSecondSamplerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 21, 0, 0, TimeSpan.Zero));
    // A name of its own: the services' tracing listens to the application's name, and no other test's host does.
    private readonly ActivitySource _source = new($"sampler-test-{Guid.NewGuid():N}");

    public void Dispose() => _source.Dispose();

    [Fact]
    public void Past_the_rate_new_traces_are_dropped_whole_while_traces_already_started_stay_whole()
    {
        using var host = Host(maxTracesPerSecond: "2");

        using var first = _source.StartActivity("first");
        using var firstChild = _source.StartActivity("first's child");
        firstChild?.Stop();
        first?.Stop();
        using var second = _source.StartActivity("second");
        second?.Stop();
        using var third = _source.StartActivity("third");
        using var thirdChild = _source.StartActivity("third's child");
        thirdChild?.Stop();
        third?.Stop();

        Assert.True(first?.Recorded);
        Assert.True(firstChild?.Recorded);
        Assert.True(second?.Recorded);
        Assert.False(third?.Recorded ?? false, "the third trace in the same instant is over the rate of 2 a second");
        Assert.False(thirdChild?.Recorded ?? false, "a span below a dropped root is dropped with it");
        // Another service's trace carries its decision in traceparent: this process follows it, tokens or none.
        Assert.True(Remote(ActivityTraceFlags.Recorded)?.Recorded);
        Assert.False(Remote(ActivityTraceFlags.None)?.Recorded ?? false);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        using var refilled = _source.StartActivity("after half a second");
        refilled?.Stop();
        using var over = _source.StartActivity("over again");

        Assert.True(refilled?.Recorded, "half a second at 2 a second is one more trace");
        Assert.False(over?.Recorded ?? false);
    }

    [Fact]
    public void Without_the_setting_the_sampler_named_by_OTEL_TRACES_SAMPLER_records_every_trace()
    {
        using var host = Host(maxTracesPerSecond: null);

        var recorded = Enumerable.Range(0, 50).Count(i =>
        {
            using var root = _source.StartActivity($"root {i}");
            return root?.Recorded == true;
        });

        Assert.Equal(50, recorded);
    }

    private IHost Host(string? maxTracesPerSecond)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = _source.Name });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_TRACES_SAMPLER"] = "always_on",
            [Extensions.MaxTracesPerSecondKey] = maxTracesPerSecond,
        });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.ConfigureOpenTelemetry();
        var host = builder.Build();
        _ = host.Services.GetRequiredService<TracerProvider>();
        return host;
    }

    private Activity? Remote(ActivityTraceFlags flags)
    {
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), flags, isRemote: true);
        using var span = _source.StartActivity("from another service", ActivityKind.Consumer, parent);
        return span;
    }
}
