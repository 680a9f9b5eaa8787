using System.Globalization;

namespace EdaAspire.Web.Dashboard.Orders;

/// <summary>
/// A duration as short as it can be read: 850 ms, 2.4 s, 3 min 05 s, 1 h 02 min. Invariant, like the times
/// beside it, so a page reads alike in every browser locale.
/// </summary>
public static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        var sign = duration < TimeSpan.Zero ? "−" : "";
        var d = duration.Duration();
        var culture = CultureInfo.InvariantCulture;
        return sign + d switch
        {
            { TotalSeconds: < 1 } => string.Create(culture, $"{(int)d.TotalMilliseconds} ms"),
            { TotalSeconds: < 10 } => string.Create(culture, $"{Math.Floor(d.TotalSeconds * 10) / 10:0.0} s"),
            { TotalMinutes: < 1 } => string.Create(culture, $"{(int)d.TotalSeconds} s"),
            { TotalHours: < 1 } => string.Create(culture, $"{(int)d.TotalMinutes} min {d.Seconds:00} s"),
            { TotalDays: < 1 } => string.Create(culture, $"{(int)d.TotalHours} h {d.Minutes:00} min"),
            _ => string.Create(culture, $"{(int)d.TotalDays} d {d.Hours:00} h"),
        };
    }
}
