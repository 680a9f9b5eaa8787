namespace EdaAspire.Contracts.Clickstream;

/// <summary>The clickstream vocabulary and its CloudEvents type names (versioned).</summary>
public static class ClickEventTypes
{
    public const string PageViewed = "page_viewed";
    public const string ProductViewed = "product_viewed";
    public const string AddedToCart = "added_to_cart";
    public const string RemovedFromCart = "removed_from_cart";
    public const string CheckoutStarted = "checkout_started";
    public const string Searched = "searched";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        PageViewed, ProductViewed, AddedToCart, RemovedFromCart, CheckoutStarted, Searched,
    };

    /// <summary>Types that are about one product and so must name it.</summary>
    public static readonly IReadOnlySet<string> ProductScoped = new HashSet<string>(StringComparer.Ordinal)
    {
        ProductViewed, AddedToCart, RemovedFromCart,
    };

    private const string Prefix = "shop.clickstream.";
    private const string Version = ".v1";

    public static string CloudEventType(string type) => Prefix + type + Version;

    /// <summary>The clickstream type of a CloudEvents type this version understands, or null.</summary>
    public static string? FromCloudEventType(string ceType)
    {
        if (!ceType.StartsWith(Prefix, StringComparison.Ordinal) || !ceType.EndsWith(Version, StringComparison.Ordinal))
        {
            return null;
        }

        var type = ceType[Prefix.Length..^Version.Length];
        return All.Contains(type) ? type : null;
    }
}
