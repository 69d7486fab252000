using System.Buffers.Binary;

namespace Engine.Ike.Encoding.VendorIds;

/// <summary>A received vendor ID identified in the catalogue, with what followed the known prefix.</summary>
public sealed class VendorIdMatch
{
    internal VendorIdMatch(KnownVendorId vendorId, ReadOnlySpan<byte> suffix)
    {
        VendorId = vendorId;
        Suffix = suffix.ToArray();
    }

    public KnownVendorId VendorId { get; }

    /// <summary>Version or capability bytes after the prefix; empty for exact matches.</summary>
    public ReadOnlyMemory<byte> Suffix { get; }

    /// <summary>
    /// The 32-bit number after the prefix: the Windows version of MS NT5 ISAKMPOAKLEY, or the
    /// capability flags of the 20-byte FRAGMENTATION vendor ID (0x80000000: Main and Aggressive
    /// Mode may be fragmented, per strongSwan's isakmp_vendor.c after racoon).
    /// </summary>
    public uint? SuffixValue => Suffix.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(Suffix.Span) : null;

    public override string ToString() =>
        Suffix.Length == 0 ? VendorId.Name : $"{VendorId.Name} ({Convert.ToHexString(Suffix.Span)})";
}
