using System.Security.Claims;
using EdaAspire.Web.Dashboard.Admin;

namespace EdaAspire.DashboardTests.Operations;

public sealed class AdminAccessTests
{
    [Fact]
    public void The_admin_key_matches_only_itself()
    {
        var key = new AdminKey("correct horse battery staple");

        Assert.True(key.Matches("correct horse battery staple"));
        Assert.False(key.Matches("correct horse battery stapl"));
        Assert.False(key.Matches("Correct horse battery staple"));
        Assert.False(key.Matches(""));
        Assert.False(key.Matches(null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_configured_key_nothing_matches(string? configured)
    {
        var key = new AdminKey(configured);

        Assert.False(key.IsConfigured);
        Assert.False(key.Matches(""));
        Assert.False(key.Matches(configured));
    }

    [Fact]
    public void Outside_development_only_the_admin_role_may_act()
    {
        var closed = new AdminMode(Open: false, KeyConfigured: true);
        var operatorUser = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, AdminPolicy.Role)], "cookie"));
        var viewer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "viewer")], "cookie"));

        Assert.True(AdminPolicy.Allows(operatorUser, closed));
        Assert.False(AdminPolicy.Allows(viewer, closed));
        Assert.False(AdminPolicy.Allows(new ClaimsPrincipal(new ClaimsIdentity()), closed));
        Assert.True(AdminPolicy.Allows(new ClaimsPrincipal(new ClaimsIdentity()), new AdminMode(Open: true, KeyConfigured: false)));
    }
}
