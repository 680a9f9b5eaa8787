namespace EdaAspire.ReadModels.Checkpoints;

/// <summary>
/// Where a projection has read a partition up to: the next offset to handle. Written in the same
/// transaction as the read-model rows, which is what makes each event count exactly once.
/// </summary>
public sealed class ProjectionCheckpoint
{
    public required string Projection { get; set; }

    public required string Topic { get; set; }

    public int Partition { get; set; }

    public long NextOffset { get; set; }
}
