using System.Globalization;
using Bunit;
using EdaAspire.ReadModels;
using EdaAspire.Tests.Time;
using EdaAspire.Web.Dashboard.Orders;
using EdaAspire.Web.Dashboard.Orders.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace EdaAspire.DashboardTests.Infrastructure;

/// <summary>
/// A bUnit context with the dashboard's order services as the app registers them, over a real SQLite read
/// model. Pushes go through the real in-process <see cref="OrderUpdates"/>: the test publishes to it what the
/// Kafka feed would, so no broker is needed. The live refresh runs on <see cref="Clock"/>: a test moves it on past
/// a debounce or a retry once the page's watch waits on it, so no refresh depends on how busy the machine is.
/// </summary>
public abstract class DashboardContext : BunitContext, IAsyncLifetime
{
    public const string AspireDashboardUrl = "http://aspire.test:18888";

    protected static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(50);
    protected static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<string, string?> _settings = new()
    {
        [$"{LiveRefreshOptions.SectionName}:{nameof(LiveRefreshOptions.Debounce)}"] = Debounce.ToString(),
        [$"{LiveRefreshOptions.SectionName}:{nameof(LiveRefreshOptions.RetryDelay)}"] = RetryDelay.ToString(),
        // Far off, so a test sees the push at work, not the safety net.
        [$"{LiveRefreshOptions.SectionName}:{nameof(LiveRefreshOptions.FallbackInterval)}"] = "00:10:00",
    };

    private bool _configured;

    protected DashboardContext()
    {
        // The tests read numbers as an English-speaking browser shows them.
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        // A render after a read of the read model: generous, for a machine busy with other work.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
    }

    protected ReadModelDatabase Database { get; private set; } = null!;

    protected FakeClock Clock { get; } = new();

    protected OrderUpdates Updates => Services.GetRequiredService<OrderUpdates>();

    /// <summary>Call before the first render to link trace ids to an Aspire dashboard.</summary>
    protected void WithAspireDashboard() => _settings[TraceLinks.ConfigurationKey] = AspireDashboardUrl;

    public async Task InitializeAsync()
    {
        Database = await ReadModelDatabase.CreateAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddDbContextPool<ReadModelsDbContext>(o => o.UseSqlite(Database.ConnectionString));
    }

    /// <summary>Registers the order services with the settings so far; the first render does it otherwise.</summary>
    protected void ConfigureOrders()
    {
        if (!_configured)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
            Services.AddSingleton<IConfiguration>(configuration); // options bind from the container's configuration, as in the app
            Services.AddOrderPages(configuration);
            _configured = true;
        }
    }

    protected IRenderedComponent<T> RenderOrders<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        ConfigureOrders();
        return Render(parameters ?? (_ => { }));
    }

    /// <summary>What the Kafka feed publishes for the newest event of <paramref name="order"/>.</summary>
    protected void Push(TestOrder order)
    {
        ConfigureOrders();
        var last = order.Last;
        Updates.Publish([new OrderUpdate(order.OrderId, last.EventId, last.Type, new DateTimeOffset(last.OccurredAt))]);
    }

    /// <summary>Pushes <paramref name="order"/>'s newest event and lets the watch's debounce pass, so the page checks it.</summary>
    protected async Task PushAsync(TestOrder order)
    {
        Push(order);
        await PassAsync(Debounce);
    }

    /// <summary>Moves <see cref="Clock"/> on by <paramref name="wait"/> once the page's watch waits on a timer that long.</summary>
    protected async Task PassAsync(TimeSpan wait)
    {
        await Clock.WaitForTimerAsync(wait);
        Clock.Advance(wait);
    }

    /// <summary>Removes what a derived context created, after the components are disposed.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await CleanUpAsync();
        await Database.DisposeAsync();
    }
}
