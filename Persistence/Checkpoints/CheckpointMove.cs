using System.Text.Json.Serialization;

namespace EdaAspire.Persistence.Checkpoints;

/// <summary>
/// One row of <see cref="CheckpointAdvance"/>'s statement: the partition's checkpoint moves from <see cref="From"/> to
/// <see cref="NextOffset"/>. The property names are the JSON keys the statement reads.
/// </summary>
public sealed record CheckpointMove(string Topic, int Partition, long From, long NextOffset);

[JsonSerializable(typeof(CheckpointMove))]
public sealed partial class CheckpointsJson : JsonSerializerContext;
