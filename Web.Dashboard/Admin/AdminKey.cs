using System.Security.Cryptography;
using System.Text;

namespace EdaAspire.Web.Dashboard.Admin;

/// <summary>
/// The shared secret that signs an operator in (<c>Dashboard:AdminKey</c>, from user secrets or the environment,
/// never the repository). Compared in constant time over hashes, so neither the content nor the length leaks through timing.
/// </summary>
public sealed class AdminKey(string? configured)
{
    public const string ConfigurationKey = "Dashboard:AdminKey";

    private readonly byte[]? _hash = string.IsNullOrEmpty(configured) ? null : Hash(configured);

    public bool IsConfigured => _hash is not null;

    public bool Matches(string? candidate) =>
        _hash is not null && candidate is not null && CryptographicOperations.FixedTimeEquals(_hash, Hash(candidate));

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
