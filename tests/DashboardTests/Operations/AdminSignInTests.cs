using System.Net;
using System.Text.RegularExpressions;
using EdaAspire.DashboardTests.Infrastructure;
using EdaAspire.Web.Dashboard.Admin;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EdaAspire.DashboardTests.Operations;

/// <summary>Signing in with the admin key, through the real app's pipeline (cookies, antiforgery, redirects).</summary>
[Collection(RunsAlone.Name)]
public sealed partial class AdminSignInTests : IAsyncLifetime
{
    private const string Key = "a key only this test knows";
    private DashboardApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await new DashboardApp("Production", Key).StartAsync();
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    [Fact]
    public async Task Every_page_carries_the_browser_hardening_headers()
    {
        using var response = await _client.GetAsync(new Uri("/admin/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_key_signs_in_and_goes_back_to_the_page_asked_for()
    {
        using var response = await SignInAsync(Key, "/dead-letters");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dead-letters", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AdminExtensions.CookieName + "=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_wrong_key_sets_no_cookie_and_says_it_failed()
    {
        using var response = await SignInAsync("not the key", "/dead-letters");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/login?failed=true", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(AdminExtensions.CookieName + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_return_address_on_another_site_is_not_followed()
    {
        using var response = await SignInAsync(Key, "//evil.example/phish");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var response = await _client.PostAsync(new Uri("/admin/login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = Key }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(AdminExtensions.CookieName + "=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Outside_development_the_admin_page_offers_sign_in_instead_of_actions()
    {
        var html = await _client.GetStringAsync(new Uri("/admin", UriKind.Relative));

        Assert.Contains("data-testid=\"admin-login-link\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"load-start\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"faults-apply\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"rebuild-start\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_the_admin_page_offers_the_actions()
    {
        using (await SignInAsync(Key, "/admin"))
        {
        }

        var html = await _client.GetStringAsync(new Uri("/admin", UriKind.Relative));

        Assert.Contains("data-testid=\"load-start\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"faults-apply\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"rebuild-start\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"admin-open\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_every_page_offers_sign_out_which_ends_the_session()
    {
        Assert.DoesNotContain("data-testid=\"logout-form\"", await _client.GetStringAsync(new Uri("/orders", UriKind.Relative)), StringComparison.Ordinal);
        using (await SignInAsync(Key, "/admin"))
        {
        }

        var page = await _client.GetStringAsync(new Uri("/orders", UriKind.Relative));
        Assert.Contains("data-testid=\"logout-form\"", page, StringComparison.Ordinal);
        using var response = await _client.PostAsync(new Uri("/admin/logout", UriKind.Relative), Form(page));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains("data-testid=\"admin-login-link\"", await _client.GetStringAsync(new Uri("/admin", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_out_posted_from_another_site_is_refused_and_the_operator_stays_signed_in()
    {
        using (await SignInAsync(Key, "/admin"))
        {
        }

        // What a form on another site can send: the browser adds the dashboard's cookies, but the site cannot read the token.
        using var response = await _client.PostAsync(new Uri("/admin/logout", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"load-start\"", await _client.GetStringAsync(new Uri("/admin", UriKind.Relative)), StringComparison.Ordinal);
    }

    /// <summary>As the browser does: the sign-in page first (antiforgery cookie and token), then its form.</summary>
    private async Task<HttpResponseMessage> SignInAsync(string key, string returnUrl)
    {
        var page = await _client.GetStringAsync(new Uri("/admin/login", UriKind.Relative));
        return await _client.PostAsync(new Uri("/admin/login", UriKind.Relative), Form(page, ("key", key), ("returnUrl", returnUrl)));
    }

    /// <summary>A form of <paramref name="page"/>'s: the fields given and the page's antiforgery token.</summary>
    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var token = AntiforgeryField().Match(page);
        Assert.True(token.Success, "The page has no antiforgery token.");
        return new FormUrlEncodedContent(fields
            .Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create(token.Groups["name"].Value, WebUtility.HtmlDecode(token.Groups["value"].Value))));
    }

    [GeneratedRegex(""""<input type="hidden" name="(?<name>__RequestVerificationToken)" value="(?<value>[^"]+)"""")]
    private static partial Regex AntiforgeryField();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
