using EdaAspire.Persistence;
using EdaAspire.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.IntegrationTests.Infrastructure;

/// <summary>Reads the read models the way the dashboard does, and waits for the projections to catch up.</summary>
public sealed class ReadModelsProbe(string connectionString)
{
    public ReadModelsDbContext Open()
    {
        var options = new DbContextOptionsBuilder<ReadModelsDbContext>();
        options.Use(connectionString);
        return new ReadModelsDbContext(options.Options);
    }

    public async Task<long> ProjectedEventsAsync()
    {
        await using var db = Open();
        try
        {
            return await db.Sessions.SumAsync(s => s.EventCount);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // schema not created yet
        }
    }

    public async Task WaitForEventsAsync(long expected, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        long seen = 0;
        while (!limit.IsCancellationRequested)
        {
            seen = await ProjectedEventsAsync();
            if (seen >= expected)
            {
                return;
            }

            await Task.Delay(100); // polls until the count is reached; the limit fails the test
        }

        Assert.Fail($"The read models hold {seen} events after {timeout.TotalSeconds} s; expected {expected}.");
    }

    /// <summary>Asserts that the read models are exactly the scenario's totals: nothing lost, nothing counted twice.</summary>
    public async Task AssertMatchesAsync(ClickstreamScenario scenario)
    {
        await using var db = Open();
        var minutes = await db.PageViewsPerMinute.AsNoTracking().ToDictionaryAsync(p => p.Minute, p => p.Views);
        var products = await db.ProductStats.AsNoTracking().ToDictionaryAsync(p => p.ProductId, p => (p.Views, p.AddedToCart, p.RemovedFromCart));
        var sessions = await db.Sessions.AsNoTracking().ToDictionaryAsync(s => s.SessionId, s => (s.FirstSeen, s.LastSeen, s.EventCount));

        Assert.Equal(scenario.ExpectedPageViewsPerMinute.OrderBy(p => p.Key), minutes.OrderBy(p => p.Key));
        Assert.Equal(scenario.ExpectedProducts.OrderBy(p => p.Key), products.OrderBy(p => p.Key));
        Assert.Equal(scenario.ExpectedSessions.OrderBy(p => p.Key), sessions.OrderBy(p => p.Key));
    }
}
