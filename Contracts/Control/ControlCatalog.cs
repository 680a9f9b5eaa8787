using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdaAspire.Contracts.Control;

/// <summary>Topic <c>control</c>'s vocabulary.</summary>
public static class ControlCatalog
{
    /// <summary>The one key of every control message: one partition anyway, and a name for compaction should it come.</summary>
    public const string Key = "control";

    public static MessageCatalog<IControlMessage> Instance { get; } = new MessageCatalog<IControlMessage>()
        .Add("eda.control.fulfillment_faults_changed.v1", ControlJsonContext.Default.FulfillmentFaultsChanged)
        .Add("eda.control.projection_rebuild_requested.v1", ControlJsonContext.Default.ProjectionRebuildRequested);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FulfillmentFaultsChanged))]
[JsonSerializable(typeof(ProjectionRebuildRequested))]
public sealed partial class ControlJsonContext : JsonSerializerContext;
