using System.ComponentModel.DataAnnotations;

namespace EdaAspire.Projections.Worker.Archive;

/// <summary>Where the archive lives (section <c>Archive</c>, which also takes the subscription's batch settings).</summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Archive";

    /// <summary>The archive's root; a relative path resolves against the working directory.</summary>
    [Required]
    public string Directory { get; set; } = Path.Combine(".data", "archive");
}
