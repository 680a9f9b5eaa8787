using System.Globalization;

namespace EdaAspire.LoadTest.Measurement;

/// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg): how busy the machine was around a measurement.</summary>
public sealed record MachineLoad(double One, double Five, double Fifteen)
{
    public static MachineLoad Now()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return new MachineLoad(Parse(parts[0]), Parse(parts[1]), Parse(parts[2]));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return new MachineLoad(double.NaN, double.NaN, double.NaN);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{One:F2} {Five:F2} {Fifteen:F2}");

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
