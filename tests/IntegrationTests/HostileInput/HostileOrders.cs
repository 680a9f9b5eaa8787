using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using static EdaAspire.IntegrationTests.HostileInput.JsonMutations;

namespace EdaAspire.IntegrationTests.HostileInput;

/// <summary>Requests to <c>POST /api/orders</c> that break exactly one rule of an otherwise valid order (or its key).</summary>
public static class HostileOrders
{
    public const long MaxBodyBytes = 64 * 1024;

    public static Gen<HostileRequest> Requests => Gen.Frequency(
        (1, WithKey(HostileBodies.Any(ValidOrder, MaxBodyBytes))),
        (1, BadKey),
        (2, WithKey(BadLines)),
        (4, WithKey(OneBadField)));

    private static Gen<JsonNode> ValidOrder =>
        from lines in Gen.Choose(1, 4)
        select (JsonNode)new JsonObject
        {
            ["customerId"] = "c-1",
            ["currency"] = "EUR",
            ["lines"] = new JsonArray([.. Enumerable.Range(0, lines).Select(i => (JsonNode)ValidLine(i))]),
            ["shippingAddress"] = new JsonObject
            {
                ["name"] = "Ada", ["line1"] = "1 Main St", ["line2"] = "Flat 2", ["city"] = "Dublin", ["postalCode"] = "D01", ["country"] = "IE",
            },
        };

    /// <summary>A seeded product (p-1 … p-4 are active), without a price: the server prices it.</summary>
    private static JsonObject ValidLine(int i) => new() { ["productId"] = $"p-{i + 1}", ["quantity"] = 1 };

    private static Gen<HostileRequest> WithKey(Gen<HostileRequest> requests) =>
        requests.Select(request => request with { IdempotencyKey = request.IdempotencyKey ?? Guid.NewGuid().ToString() });

    private static Gen<HostileRequest> BadKey =>
        from order in ValidOrder
        from key in Gen.OneOf(
            Gen.Elements<string?>(null, "", "   "),
            Gen.Choose(129, 400).Select(length => (string?)new string('k', length)))
        select HostileBodies.Request(key is null ? "Idempotency-Key absent" : $"Idempotency-Key of {key.Length} characters", order.ToJsonString(), key);

    private static Gen<HostileRequest> BadLines =>
        from order in ValidOrder
        from lines in Gen.OneOf(
            Gen.Elements<JsonNode?>(null, new JsonArray(), new JsonArray((JsonNode?)null), JsonValue.Create("p-1"), new JsonObject()),
            Gen.Constant<JsonNode?>(new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)ValidLine(i))])),
            Gen.Constant<JsonNode?>(new JsonArray(ValidLine(7), ValidLine(7))))
        select HostileBodies.Request($"lines = {Describe(lines)}", Set(order, "lines", lines).ToJsonString());

    private static Gen<HostileRequest> OneBadField => Gen.OneOf(BadTopLevel, BadLine, BadAddress);

    private static Gen<HostileRequest> BadTopLevel =>
        from order in ValidOrder
        from flaw in BreakOneOf(
            ("customerId", BadRequiredText(128), true),
            ("currency", Gen.OneOf(NotAString, Gen.Elements<JsonNode?>(null, "", "eur", "EURO", "E1R", "€", "EU"))!, true),
            ("shippingAddress", Gen.OneOf(NotAString, Gen.Constant<JsonNode?>(null)), true))
        select Break(order.AsObject(), flaw, "");

    private static Gen<HostileRequest> BadLine =>
        from order in ValidOrder
        from index in Gen.Choose(0, order["lines"]!.AsArray().Count - 1)
        from flaw in BreakOneOf(
            ("productId", BadRequiredText(128), true),
            ("quantity", BadInteger(1, 1000), true),
            // Optional (the server prices the line): absent or null is no flaw.
            ("unitPrice", Gen.OneOf(NotANumber.Where(n => n is not null), Gen.Elements<JsonNode?>(0, -1, -0.01m, 1_000_000.01m, 1.234m, 1e30)), false))
        select Break(order["lines"]![index]!.AsObject(), flaw, $"lines[{index}].", order);

    private static Gen<HostileRequest> BadAddress =>
        from order in ValidOrder
        from flaw in BreakOneOf(
            ("name", BadRequiredText(200), true),
            ("line1", BadRequiredText(200), true),
            ("line2", BadOptionalText(200), false),
            ("city", BadRequiredText(200), true),
            ("postalCode", BadRequiredText(20), true),
            ("country", Gen.OneOf(NotAString, Gen.Elements<JsonNode?>(null, "", "ie", "IRL", "I1")), true))
        select Break(order["shippingAddress"]!.AsObject(), flaw, "shippingAddress.", order);

    private static HostileRequest Break(JsonObject target, (string Field, Action<JsonObject> Apply) flaw, string path, JsonNode? whole = null)
    {
        flaw.Apply(target);
        return HostileBodies.Request(path + flaw.Field, (whole ?? target).ToJsonString());
    }

    private static JsonNode Set(JsonNode order, string field, JsonNode? value)
    {
        order[field] = value?.DeepClone();
        return order;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray array => $"{array.Count} items",
        _ => node.ToJsonString(),
    };
}
