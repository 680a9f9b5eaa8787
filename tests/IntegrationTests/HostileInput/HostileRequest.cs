namespace EdaAspire.IntegrationTests.HostileInput;

/// <summary>One request that must be refused: what it does wrong, and the bytes and headers that do it.</summary>
public sealed record HostileRequest(string Flaw, byte[] Body, string ContentType, string? IdempotencyKey = null)
{
    public override string ToString() =>
        $"{Flaw} ({Body.Length} bytes, {ContentType}, key {(IdempotencyKey is null ? "absent" : $"'{Truncated(IdempotencyKey)}'")}): " +
        Truncated(System.Text.Encoding.UTF8.GetString(Body));

    private static string Truncated(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
