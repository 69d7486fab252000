using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// One AVP as it sits in a control message (RFC 2661 section 4.1):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |M|H| rsvd  |      Length       |           Vendor ID           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |         Attribute Type        |        Attribute Value...
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// <see cref="Value"/> is still hidden when <see cref="Hidden"/> is set.
/// </summary>
public readonly ref struct AvpView
{
    public AvpView(bool mandatory, bool hidden, bool reservedBitsSet, ushort vendorId, ushort attributeType, ReadOnlySpan<byte> value)
    {
        Mandatory = mandatory;
        Hidden = hidden;
        ReservedBitsSet = reservedBitsSet;
        VendorId = vendorId;
        AttributeType = attributeType;
        Value = value;
    }

    public bool Mandatory { get; }

    public bool Hidden { get; }

    /// <summary>One of the four reserved flag bits was set: section 4.1 treats the AVP as unrecognized.</summary>
    public bool ReservedBitsSet { get; }

    /// <summary>0 for the IETF attributes of RFC 2661; otherwise an SMI private enterprise number.</summary>
    public ushort VendorId { get; }

    public ushort AttributeType { get; }

    public ReadOnlySpan<byte> Value { get; }

    /// <summary>True for an attribute of <see cref="AvpCatalog"/> without reserved bits.</summary>
    public bool IsKnown => VendorId == 0 && !ReservedBitsSet && AvpCatalog.TryGet(AttributeType, out _);
}
