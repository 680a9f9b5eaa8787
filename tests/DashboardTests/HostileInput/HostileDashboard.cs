using System.Net;
using System.Text.RegularExpressions;
using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.DashboardTests.Operations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace EdaAspire.DashboardTests.HostileInput;

/// <summary>
/// The real dashboard, as it runs outside Development (admin key set), with orders in its read model and the antiforgery
/// cookie and token of one visit to the sign-in page; one app and one client for every endpoint's run.
/// </summary>
public sealed partial class HostileDashboard : IAsyncLifetime
{
    public const string AdminKey = "the key of the hostile-input suite";

    private DashboardApp _app = null!;

    public HttpClient Client { get; private set; } = null!;

    public IReadOnlyList<KnownOrder> Orders { get; private set; } = [];

    public AntiforgeryTokens Antiforgery { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = await new DashboardApp("Production", AdminKey).StartAsync();
        var orders = Enumerable.Range(0, 20)
            .Select(i => TestOrder.ConfirmedOrder(TestOrder.T0.AddMinutes(i), TimeSpan.FromSeconds(1 + i), $"c-{i}"))
            .ToArray();
        await _app.Database.AddAsync(orders);
        Orders = [.. orders.Select(o => new KnownOrder(o.OrderId, new DateTimeOffset(o.Timeline[0].OccurredAt, TimeSpan.Zero)))];

        // No cookie jar: every request carries exactly the cookies its generator gave it, and a sign-in cookie in an
        // answer is seen, not kept.
        Client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = await Client.GetAsync(new Uri(HostileSignIn.LoginPath, UriKind.Relative));
        var cookie = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var field = AntiforgeryField().Match(await page.Content.ReadAsStringAsync());
        Assert.True(field.Success, "The sign-in page has no antiforgery token.");
        Antiforgery = new AntiforgeryTokens(cookie[..cookie.IndexOf('=', StringComparison.Ordinal)], cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..],
            field.Groups["name"].Value, WebUtility.HtmlDecode(field.Groups["value"].Value));
    }

    /// <summary>How many orders and timeline rows the read model holds: what no refused request may change.</summary>
    public async Task<(int Orders, int Events)> CountReadModelAsync()
    {
        await using var db = _app.Database.Open();
        return (await db.Orders.CountAsync(), await db.OrderTimeline.CountAsync());
    }

    [GeneratedRegex(""""<input type="hidden" name="(?<name>__RequestVerificationToken)" value="(?<value>[^"]+)"""")]
    private static partial Regex AntiforgeryField();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
