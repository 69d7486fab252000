using Engine.Ike.Encoding.VendorIds;

namespace Engine.Ike.Sa;

/// <summary>What the peer's vendor IDs told us about it.</summary>
internal sealed class PeerCapabilities
{
    public List<VendorIdMatch> VendorIds { get; } = [];

    public bool DeadPeerDetection { get; set; }

    public bool Rfc3947 { get; set; }

    public bool NatTraversalDraft { get; set; }

    public bool Fragmentation { get; set; }

    /// <summary>"MS NT5 ISAKMPOAKLEY" with its version, e.g. "Windows 8 or later".</summary>
    public string? WindowsVersion { get; set; }

    public IReadOnlyList<string> Describe() =>
        VendorIds.Select(match => match.VendorId == VendorIdCatalog.MicrosoftWindows && WindowsVersion is not null
            ? $"{match.VendorId.Name} ({WindowsVersion})"
            : match.ToString()).ToArray();
}
