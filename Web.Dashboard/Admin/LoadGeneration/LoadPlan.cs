using System.ComponentModel.DataAnnotations;

namespace EdaAspire.Web.Dashboard.Admin.LoadGeneration;

/// <summary>What the load generator sends: rates, for how long, and which products shoppers pick.</summary>
public sealed class LoadPlan
{
    [Range(0, 500)]
    public int OrdersPerSecond { get; set; } = 5;

    [Range(0, 10_000)]
    public int ClicksPerSecond { get; set; } = 50;

    [Range(1, 3600)]
    public int DurationSeconds { get; set; } = 30;

    /// <summary>Products with weights, e.g. <c>p-1:5, p-2:3, p-3</c> (no weight: 1).</summary>
    [Required]
    public string ProductMix { get; set; } = "p-1:5, p-2:3, p-3:2, p-4, p-5";

    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);
}
