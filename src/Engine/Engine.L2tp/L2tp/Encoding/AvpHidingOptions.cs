using System;
using System.Collections.Generic;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// How the encoder hides AVPs (RFC 2661 section 4.3): the tunnel's shared secret, the attributes
/// to send with the H bit, and the random vector for this one message (a fresh one per message,
/// sent in a Random Vector AVP ahead of the hidden ones). Attributes that section 4.4 forbids to
/// hide are sent in the clear whatever <see cref="HiddenTypes"/> says.
/// </summary>
public sealed class AvpHidingOptions
{
    public AvpHidingOptions(ReadOnlyMemory<byte> secret, IReadOnlySet<AvpType> hiddenTypes, ReadOnlyMemory<byte> randomVector)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("hiding needs a non-empty shared secret", nameof(secret));
        }

        if (randomVector.IsEmpty)
        {
            throw new ArgumentException("hiding needs a non-empty random vector", nameof(randomVector));
        }

        Secret = secret;
        HiddenTypes = hiddenTypes;
        RandomVector = randomVector;
    }

    public ReadOnlyMemory<byte> Secret { get; }

    public IReadOnlySet<AvpType> HiddenTypes { get; }

    public ReadOnlyMemory<byte> RandomVector { get; }

    /// <summary>Shown in logs without the secret.</summary>
    public override string ToString() => $"hiding {HiddenTypes.Count} attribute type(s)";
}
