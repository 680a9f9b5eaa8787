using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace EdaAspire.IntegrationTests.HostileInput;

/// <summary>
/// Generators of values that are wrong for a field whatever the rest of the body says: the wrong JSON type,
/// missing, blank, too long, out of range. Each is paired with the field it breaks, so a failure names it.
/// </summary>
public static class JsonMutations
{
    /// <summary>A value of a JSON type that cannot be read as a string.</summary>
    public static Gen<JsonNode?> NotAString => Gen.Elements<Func<JsonNode?>>(
        () => JsonValue.Create(42),
        () => JsonValue.Create(true),
        () => new JsonArray(),
        () => new JsonObject { ["x"] = 1 }).Select(make => make());

    /// <summary>A value of a JSON type that cannot be read as a number.</summary>
    public static Gen<JsonNode?> NotANumber => Gen.Elements<Func<JsonNode?>>(
        () => JsonValue.Create("twelve"), // "12" would do: Web defaults read numbers from strings
        () => JsonValue.Create(false),
        () => new JsonArray(1),
        () => new JsonObject(),
        () => null).Select(make => make());

    /// <summary>Missing, null, blank, of the wrong type, or longer than <paramref name="maxLength"/>.</summary>
    public static Gen<JsonNode?> BadRequiredText(int maxLength) => Gen.OneOf(
        Gen.Elements<JsonNode?>(null, JsonValue.Create(""), JsonValue.Create("   "), JsonValue.Create("\t\n")),
        NotAString,
        TooLong(maxLength));

    /// <summary>Present but of the wrong type, or too long (for fields that may be absent).</summary>
    public static Gen<JsonNode?> BadOptionalText(int maxLength) => Gen.OneOf(NotAString, TooLong(maxLength));

    public static Gen<JsonNode?> TooLong(int maxLength) =>
        Gen.Choose(maxLength + 1, maxLength + 200)
            .SelectMany(length => Gen.Elements('a', 'é', '字', '0', ' ').Select(c => (JsonNode?)JsonValue.Create(new string(c, length) + "x")));

    /// <summary>An integer outside [<paramref name="min"/>, <paramref name="max"/>], a fraction, or not a number.</summary>
    public static Gen<JsonNode?> BadInteger(int min, int max) => Gen.OneOf(
        Gen.Choose(int.MinValue / 2, min - 1).Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Choose(max + 1, int.MaxValue / 2).Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Elements<JsonNode?>(JsonValue.Create(1.5), JsonValue.Create(1e300)),
        NotANumber);

    /// <summary>Picks one of the <paramref name="fields"/> of <paramref name="target"/> and breaks it, or removes it.</summary>
    public static Gen<(string Field, Action<JsonObject> Apply)> BreakOneOf(params (string Field, Gen<JsonNode?> Bad, bool Required)[] fields) =>
        Gen.Elements(fields).SelectMany(field =>
        {
            var set = field.Bad.Select(bad => (field.Field, (Action<JsonObject>)(target => target[field.Field] = bad?.DeepClone())));
            return field.Required
                ? Gen.OneOf(set, Gen.Constant((field.Field + " (removed)", (Action<JsonObject>)(target => target.Remove(field.Field)))))
                : set;
        });
}
