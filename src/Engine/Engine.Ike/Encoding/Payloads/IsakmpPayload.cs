using Engine.Ike.Encoding.Registry;

namespace Engine.Ike.Encoding.Payloads;

/// <summary>
/// One payload of a message. Every payload starts with the generic header of RFC 2408 section 3.2;
/// the chain (<see cref="IsakmpPayloadChain"/>) writes and reads that header, so a payload only
/// knows its body. The next-payload link is not stored: on write it is derived from the order of
/// the chain, which keeps it from ever disagreeing with the payloads that follow.
/// <code>
///                      1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// ! Next Payload  !   RESERVED    !         Payload Length        !
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public abstract class IsakmpPayload
{
    public const int GenericHeaderSize = 4;

    public abstract IsakmpPayloadType PayloadType { get; }

    /// <summary>Bytes of the body, after the generic header.</summary>
    public abstract int BodyLength { get; }

    /// <summary>Bytes on the wire including the generic header (the Payload Length field).</summary>
    public int Length => GenericHeaderSize + BodyLength;

    /// <summary>
    /// Checks the values that the RFCs constrain beyond the wire layout and throws
    /// <see cref="IsakmpProtocolException"/> with the notify type to answer with. Reading calls it
    /// for every payload; writing calls it so that we never send what we would refuse.
    /// </summary>
    public abstract void Verify();

    public abstract void WriteBody(ref IsakmpWriter writer);
}
