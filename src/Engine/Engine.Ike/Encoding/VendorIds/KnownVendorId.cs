namespace Engine.Ike.Encoding.VendorIds;

/// <summary>
/// One entry of <see cref="VendorIdCatalog"/>: the bytes we send, the leading bytes that identify
/// a received one, and the lengths a received one may have (some carry a version or capability
/// suffix after the identifying prefix).
/// </summary>
public sealed class KnownVendorId
{
    private readonly byte[] bytes;
    private readonly int[] acceptedLengths;
    private VendorIdMatch? exactMatch;

    internal KnownVendorId(string name, VendorIdFeature feature, string hex, int prefixLength = 0, params int[] acceptedLengths)
    {
        Name = name;
        Feature = feature;
        bytes = Convert.FromHexString(hex);
        PrefixLength = prefixLength == 0 ? bytes.Length : prefixLength;
        this.acceptedLengths = acceptedLengths.Length == 0 ? [bytes.Length] : acceptedLengths;
    }

    /// <summary>The name Wireshark, strongSwan and ike-scan print for it.</summary>
    public string Name { get; }

    public VendorIdFeature Feature { get; }

    /// <summary>The full vendor ID as we send it.</summary>
    public ReadOnlyMemory<byte> Bytes => bytes;

    /// <summary>How many leading bytes identify it; the rest of a received one is a suffix.</summary>
    public int PrefixLength { get; }

    /// <summary>The match of exactly these bytes (no suffix), shared: a peer's SA keeps a reference, not a copy.</summary>
    internal VendorIdMatch ExactMatch => exactMatch ??= new VendorIdMatch(this, ReadOnlySpan<byte>.Empty);

    /// <summary>True when <paramref name="vendorId"/> has an accepted length and starts with the prefix.</summary>
    public bool Matches(ReadOnlySpan<byte> vendorId) =>
        acceptedLengths.Contains(vendorId.Length) &&
        vendorId.Length >= PrefixLength &&
        vendorId[..PrefixLength].SequenceEqual(bytes.AsSpan(0, PrefixLength));

    public override string ToString() => Name;
}
