using System.Security.Cryptography;
using System.Text;

namespace EdaAspire.Messaging.Envelope;

/// <summary>
/// Name-based ids (RFC 9562 UUID version 5): the same name always gives the same id. Where a retry could
/// produce a message twice, its id comes from what identifies it (customer + idempotency key, command + step),
/// so receivers recognise the second copy.
/// </summary>
public static class DeterministicId
{
    /// <summary>This application's namespace for version-5 ids.</summary>
    private static readonly Guid Namespace = new("6f1c2a9e-4b7d-4f43-9a53-3d2c8e0b5a71");

    public static Guid Create(string name) => Create(Namespace, name);

    public static Guid Create(Guid nameSpace, string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        nameSpace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        // SHA-1 as RFC 9562 prescribes for version 5; an id, not a security boundary.
#pragma warning disable CA5350
        SHA1.HashData(input[..length], hash);
#pragma warning restore CA5350

        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
