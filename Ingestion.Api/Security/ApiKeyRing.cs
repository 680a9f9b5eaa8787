using System.Security.Cryptography;
using System.Text;

namespace EdaAspire.Ingestion.Api.Security;

/// <summary>
/// The configured API keys: <c>Ingestion:ApiKeys:&lt;client&gt; = &lt;key&gt;</c>, or <c>Ingestion:ApiKeys:&lt;client&gt;:&lt;n&gt;</c>
/// for several keys per client while one is being rotated.
/// Keys are kept and compared as SHA-256 digests in constant time, over every key, so neither the timing nor an
/// early exit tells a caller how close a guess came or how long a key is.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly (string Client, byte[] Digest)[] _keys;

    public ApiKeyRing(IEnumerable<KeyValuePair<string, string?>> keys) =>
        _keys = [.. keys.Where(k => !string.IsNullOrEmpty(k.Value)).Select(k => (k.Key.Split(':')[0], Digest(k.Value!)))];

    /// <summary>With no key configured the API is open (development, the standalone host).</summary>
    public bool IsEnabled => _keys.Length > 0;

    /// <returns>The client the key belongs to, or <see langword="null"/> when no configured key matches.</returns>
    public string? FindClient(string? presentedKey)
    {
        var presented = Digest(presentedKey ?? "");
        string? client = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, key.Digest))
            {
                client ??= key.Client;
            }
        }

        return presentedKey is { Length: > 0 } ? client : null;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
