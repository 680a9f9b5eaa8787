using System.Text.Json;
using System.Text.Json.Serialization;
using EdaAspire.Contracts.Clickstream;

namespace EdaAspire.Contracts;

/// <summary>Source-generated JSON for every contract: camelCase on the wire, no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClickEvent))]
[JsonSerializable(typeof(ClickstreamBatch))]
[JsonSerializable(typeof(ClickstreamAccepted))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
