using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using EdaAspire.Contracts.Fulfillment;

namespace EdaAspire.Saga.Worker.Fulfillment;

/// <summary>
/// The part of a command's fate fixed by its message id alone: a hash of the id mapped to [0, 1) and compared with a
/// rate. Every delivery of a command — a redelivery, another worker, another process — draws the same number, so
/// it gets the same answer without any shared state. Each question hashes with its own salt: the draws are independent.
/// </summary>
public sealed record DeterministicOutcome(bool IsPoison, bool FailsPermanently)
{
    public static DeterministicOutcome For(string messageId, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(
            Draw(messageId, "poison") < options.PoisonRate,
            Draw(messageId, "permanent-failure") < options.PermanentFailureRate);
    }

    /// <summary>
    /// Compensations are never poisoned by the simulator: a refund that can never run leaves an order half undone
    /// until an operator steps in, which would hide the invariant the simulation is there to show.
    /// </summary>
    public static bool CanBePoisoned(IFulfillmentCommand command) => command is not ICompensation;

    /// <summary>A number in [0, 1), the same for the same (id, salt) everywhere: a rate of 0 never hits, a rate of 1 always does.</summary>
    public static double Draw(string messageId, string salt)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}:{messageId}"), hash);
        // The top 53 bits: a double's precision, so the result is exact and strictly below 1.
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
