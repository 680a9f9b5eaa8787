using System.Globalization;
using System.Text;

namespace EdaAspire.LoadTest.Reporting;

/// <summary>Prints the results as plain text tables: every scenario's figures, then the targets.</summary>
public static class ConsoleTable
{
    public static string Scenario(ScenarioResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== {result.Name}   (load average before {result.LoadBefore}, after {result.LoadAfter})");
        foreach (var metric in result.Metrics)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"   {metric.Name,-44} {Number(metric.Value),14} {metric.Unit}");
        }

        foreach (var process in result.Memory)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"   RSS {process.Name,-12} (pid {process.Pid,7})  peak sampled {process.SampledPeakMegabytes,7:F1} MB   VmHWM {Number(process.HighWaterMegabytes),7} MB   CPU {Number(process.CpuSeconds),7} s");
        }

        foreach (var note in result.Notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"   note: {note}");
        }

        return text.ToString();
    }

    public static string Verdict(IReadOnlyList<TargetRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"row",-48} {"target",-30} {"measured",14} {"unit",-9} {"ratio",7}  met");
        foreach (var row in rows)
        {
            var met = row.Met switch { true => "yes", false => "NO", null => "-" };
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Name,-48} {row.Target,-30} {Number(row.Measured),14} {row.Unit,-9} {Ratio(row.Ratio),7}  {met}");
        }

        return text.ToString();
    }

    private static string Number(double? value) => value switch
    {
        null => "-",
        var v when double.IsNaN(v.Value) => "-",
        var v when Math.Abs(v.Value) >= 100 => v.Value.ToString("N0", CultureInfo.InvariantCulture),
        var v => v.Value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static string Ratio(double? value) =>
        value is { } v && !double.IsNaN(v) ? v.ToString(v < 0.1 ? "0.000" : "0.00", CultureInfo.InvariantCulture) + "×" : "-";
}
