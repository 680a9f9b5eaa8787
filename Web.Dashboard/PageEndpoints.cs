using Microsoft.AspNetCore.Components.Endpoints;

namespace EdaAspire.Web.Dashboard;

internal static class PageEndpoints
{
    /// <summary>
    /// Pages are navigated to, never posted to: the dashboard has no Blazor forms, its one form posts to
    /// <see cref="Admin.AdminEndpoints"/> at the sign-in page's address. Blazor maps every page for POST as well, so a post
    /// the sign-in endpoint does not take (not a form) would reach the page's form handling instead, and get a 400 without
    /// a body or the page itself; with pages on GET only it gets the endpoint's 415.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder ForGetOnly(this RazorComponentsEndpointConventionBuilder pages)
    {
        pages.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<ComponentTypeMetadata>().Any())
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get])); // the last one counts
            }
        });
        return pages;
    }
}
