using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using static EdaAspire.IntegrationTests.HostileInput.JsonMutations;

namespace EdaAspire.IntegrationTests.HostileInput;

/// <summary>Requests to <c>POST /api/clickstream</c> that break exactly one rule of an otherwise valid batch.</summary>
public static class HostileClickstream
{
    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly string[] Types = ["page_viewed", "product_viewed", "added_to_cart", "removed_from_cart", "checkout_started", "searched"];

    public static Gen<HostileRequest> Requests => Gen.Frequency(
        (1, HostileBodies.Any(ValidBatch, MaxBodyBytes)),
        (1, BadEventCount),
        (4, OneBadEvent));

    private static Gen<JsonNode> ValidEvent =>
        from type in Gen.Elements(Types)
        from session in Gen.Choose(1, 50)
        select (JsonNode)new JsonObject
        {
            ["type"] = type,
            ["sessionId"] = $"s-{session}",
            ["productId"] = "p-1",
            ["query"] = "socks",
            ["url"] = "/",
            ["timestamp"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"),
        };

    private static Gen<JsonNode> ValidBatch =>
        Gen.Choose(1, 5).SelectMany(count => Gen.ArrayOf(ValidEvent, count))
            .Select(events => (JsonNode)new JsonObject { ["events"] = new JsonArray([.. events]) });

    private static Gen<HostileRequest> BadEventCount => Gen.OneOf(
        Gen.Constant(HostileBodies.Request("no events", """{"events":[]}""")),
        Gen.Constant(HostileBodies.Request("events missing", """{"batch":[]}""")),
        Gen.Elements("null", "{}", "\"all\"", "7", "[null]", "[1,2]").Select(events => HostileBodies.Request($"events = {events}", $$"""{"events":{{events}}}""")),
        ValidEvent.Select(click => HostileBodies.Request("1,001 events",
            new JsonObject { ["events"] = new JsonArray([.. Enumerable.Range(0, 1001).Select(_ => click.DeepClone())]) }.ToJsonString())));

    private static Gen<HostileRequest> OneBadEvent =>
        from batch in ValidBatch
        from index in Gen.Choose(0, batch["events"]!.AsArray().Count - 1)
        from flaw in BreakOneOf(
            ("type", Gen.OneOf(BadRequiredText(40), Gen.Elements<JsonNode?>("page_view", "PAGE_VIEWED", "click", "searched ")), true),
            ("sessionId", BadRequiredText(128), true),
            ("url", BadRequiredText(2048), true),
            ("userId", BadOptionalText(128), false),
            ("productId", BadOptionalText(128), false),
            ("query", BadOptionalText(512), false),
            ("timestamp", Gen.OneOf(NotAString, Gen.Elements<JsonNode?>(
                null, "yesterday", "2026-13-01T00:00:00Z", "0001-01-01T00:00:00+00:00", DateTimeOffset.UtcNow.AddDays(2).ToString("O"))), true))
        select Break(batch, index, flaw);

    private static HostileRequest Break(JsonNode batch, int index, (string Field, Action<JsonObject> Apply) flaw)
    {
        flaw.Apply(batch["events"]![index]!.AsObject());
        return HostileBodies.Request($"events[{index}].{flaw.Field}", batch.ToJsonString());
    }
}
