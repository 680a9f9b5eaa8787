using System.Globalization;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>Event times as the order pages print them: UTC, invariant, to the millisecond where steps are close.</summary>
public static class TimeText
{
    public static string Full(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Precise(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Clock(DateTime utc) => utc.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
