namespace EdaAspire.Web.Dashboard.Components;

public static class ChartTicks
{
    private static readonly int[] Factors = [1, 2, 5, 10];

    /// <summary>A round spacing (1, 2 or 5 times a power of ten) that gives about five horizontal lines.</summary>
    public static int Spacing(double max)
    {
        var rough = Math.Max(max / 5, 1);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = Factors.Select(f => f * magnitude).First(s => s >= rough);
        return (int)step;
    }
}
