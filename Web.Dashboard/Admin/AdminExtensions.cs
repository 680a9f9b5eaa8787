using Microsoft.AspNetCore.Authentication.Cookies;

namespace EdaAspire.Web.Dashboard.Admin;

public static class AdminExtensions
{
    /// <summary>The operator's sign-in cookie.</summary>
    public const string CookieName = "eda-dashboard-admin";

    /// <summary>
    /// Cookie sign-in with <c>Dashboard:AdminKey</c> and the <see cref="AdminPolicy"/>; in Development admin actions are
    /// open. Outside Development with no key configured, nobody can act: safe by default.
    /// </summary>
    public static IHostApplicationBuilder AddAdminAccess(this IHostApplicationBuilder builder)
    {
        var key = new AdminKey(builder.Configuration[AdminKey.ConfigurationKey]);
        var mode = new AdminMode(builder.Environment.IsDevelopment(), key.IsConfigured);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton(mode);
        builder.Services.AddScoped<AdminAccess>();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = AdminEndpoints.LoginPage;
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy.Name, policy => policy.RequireAssertion(context => AdminPolicy.Allows(context.User, mode)));
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }
}
