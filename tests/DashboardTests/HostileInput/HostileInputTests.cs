using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.Web.Dashboard.Admin;
using Xunit.Abstractions;
using static EdaAspire.Tests.HostileInput.HostileRun;

namespace EdaAspire.DashboardTests.HostileInput;

/// <summary>
/// Property: every request to the dashboard's HTTP surface that breaks a rule is refused — never a 5xx — and changes
/// nothing. The order API answers a 4xx ProblemDetails (application/problem+json, its status in the body). The sign-in and
/// sign-out form posts answer a 4xx ProblemDetails, or a 302 to an address on this site where a person at the form expects
/// one (a wrong key goes back to the sign-in page, which says so; a sign-out goes home); a GET to them is a browser
/// navigating and gets the not-found page. No answer signs anyone in, and the read model keeps every row. The requests are
/// generated (FsCheck), each breaking one rule of an otherwise valid request; the seed is printed so a failure can be
/// replayed with HOSTILE_SEED.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class HostileInputTests(HostileDashboard dashboard, ITestOutputHelper output) : IClassFixture<HostileDashboard>
{
    private const int RequestsPerEndpoint = 10_000;
    private const string SignInCookie = AdminExtensions.CookieName + "=";

    [Theory]
    [InlineData("GET /api/orders/{orderId}")]
    [InlineData("GET /api/orders/{orderId}/events")]
    [InlineData("GET /api/orders/{orderId}/state?at=")]
    [InlineData("POST /admin/login")]
    [InlineData("POST /admin/logout")]
    public async Task Every_hostile_request_gets_a_4xx_or_a_local_redirect_and_changes_nothing(string endpoint)
    {
        var generator = endpoint switch
        {
            "GET /api/orders/{orderId}" => HostileOrderReads.Status(dashboard.Orders),
            "GET /api/orders/{orderId}/events" => HostileOrderReads.Events(dashboard.Orders),
            "GET /api/orders/{orderId}/state?at=" => HostileOrderReads.State(dashboard.Orders),
            "POST /admin/login" => HostileSignIn.Login(dashboard.Antiforgery, HostileDashboard.AdminKey),
            _ => HostileSignIn.Logout(dashboard.Antiforgery),
        };
        var seed = Seed();
        output.WriteLine($"seed {seed} (HOSTILE_SEED={seed} replays it)");
        var requests = Sample(generator, RequestsPerEndpoint, seed);
        var before = await dashboard.CountReadModelAsync();

        var statuses = new Dictionary<int, int>();
        foreach (var request in requests)
        {
            var status = await SendAsync(dashboard.Client, request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        output.WriteLine($"{requests.Count} requests to {endpoint}: {Statuses(statuses)}");
        output.WriteLine("flaws: " + FlawKinds(requests.Select(r => r.Flaw)));
        Assert.Equal(before, await dashboard.CountReadModelAsync());
    }

    /// <summary>Sends one request and checks its answer; returns the status code.</summary>
    private static async Task<int> SendAsync(HttpClient client, HostileRequest hostile)
    {
        using var request = new HttpRequestMessage(hostile.Method, new Uri(hostile.Target, UriKind.Relative));
        if (hostile.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            if (hostile.ContentType is { } type)
            {
                Assert.True(request.Content.Headers.TryAddWithoutValidation("Content-Type", type), $"media type '{type}'");
            }
        }

        foreach (var (name, value) in hostile.Headers)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value), $"header {name}");
        }

        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var answer = $"{status} {(text.Length <= 300 ? text : text[..300])} for {hostile}";
        Assert.True(hostile.Expected is { } expected ? status == expected : status is >= 400 and < 500, answer);
        // A sign-out clears the cookie (an empty value); nothing may set one.
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(cookie =>
            cookie.StartsWith(SignInCookie, StringComparison.Ordinal) && !cookie.StartsWith(SignInCookie + ";", StringComparison.Ordinal)), $"signed in: {answer}");

        if (status is >= 300 and < 400)
        {
            // Only a path on this site: not //host, not /\host, which browsers read as another site.
            var location = response.Headers.Location?.OriginalString ?? "";
            Assert.True(location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal),
                $"redirect to '{location}': {answer}");
        }
        else if (hostile.Method == HttpMethod.Head)
        {
            // No body to check.
        }
        else if (hostile.Method == HttpMethod.Get && !hostile.Target.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.True(response.Content.Headers.ContentType?.MediaType == "text/html", $"not the not-found page: {answer}");
        }
        else
        {
            AssertProblem(status, response.Content.Headers.ContentType?.MediaType, text, answer);
        }

        return status;
    }
}
