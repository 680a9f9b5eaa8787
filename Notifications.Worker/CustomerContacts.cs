using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdaAspire.Notifications.Worker;

/// <summary>
/// A simulation: the shop has no customer directory, so a customer's contact details are made up from the customer
/// id, deterministically (the same customer always gets the same address) and in ranges reserved for examples, so a
/// notification can never reach a real person.
/// </summary>
public static class CustomerContacts
{
    public const string EmailDomain = "customers.example";

    private const int MaxLocalPartLength = 64;

    /// <summary><c>&lt;customerId&gt;@customers.example</c>; characters an address cannot hold become <c>_</c>.</summary>
    public static string EmailOf(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var local = new StringBuilder(Math.Min(customerId.Length, MaxLocalPartLength));
        foreach (var c in customerId.AsSpan(0, Math.Min(customerId.Length, MaxLocalPartLength)))
        {
            local.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' ? c : '_');
        }

        return $"{(local.Length == 0 ? "_" : local)}@{EmailDomain}";
    }

    /// <summary>A UK number from the range Ofcom reserves for drama (07700 900000–900999), in E.164.</summary>
    public static string PhoneOf(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(customerId));
        var line = BinaryPrimitives.ReadUInt32BigEndian(hash) % 1000;
        return string.Create(CultureInfo.InvariantCulture, $"+447700900{line:000}");
    }
}
