namespace EdaAspire.LoadTest.Reporting;

/// <summary>One line of the verdict: a target, what was measured, the ratio to its reference, and whether it holds.</summary>
public sealed record TargetRow(string Name, string Target, double? Measured, string Unit, double? Ratio, bool? Met);
