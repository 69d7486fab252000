using System.Globalization;
using System.Net;
using Engine.Ike.Configuration;

namespace Engine.Ike;

/// <summary>
/// The phase 1 encryption key of one ISAKMP SA with its cookies, for the Wireshark key export
/// (ikev1_decryption_table) and nothing else. <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class IkeSaKeys
{
    public required string Id { get; init; }

    public required ulong InitiatorCookie { get; init; }

    public required ulong ResponderCookie { get; init; }

    public required IPEndPoint Local { get; init; }

    public required IPEndPoint Remote { get; init; }

    /// <summary>The negotiated main mode proposal: the cipher the key is for.</summary>
    public required MainModeProposal Proposal { get; init; }

    /// <summary>
    /// The key the ISAKMP messages are encrypted with (SKEYID_e, expanded per RFC 2409 appendix B
    /// when the cipher needs more), a copy owned by the caller.
    /// </summary>
    public required ReadOnlyMemory<byte> EncryptionKey { get; init; }

    public override string ToString() =>
        $"ISAKMP SA {InitiatorCookie.ToString("x16", CultureInfo.InvariantCulture)}/{ResponderCookie.ToString("x16", CultureInfo.InvariantCulture)} {Local} <-> {Remote} {Proposal}";
}
