using System.Collections.Generic;

namespace IpSecPolicy.Control.Results;

/// <summary>
/// The result of ExportWiresharkKeys: every current ESP SA and ISAKMP SA with its keys, for
/// Export-IpSecWiresharkKey to write into Wireshark's esp_sa and ikev1_decryption_table files.
/// </summary>
public sealed class WiresharkKeys
{
    public List<EspSaKey> EspSas { get; set; } = new();

    public List<IsakmpSaKey> IsakmpSas { get; set; } = new();

    /// <summary>
    /// SAs not exported, each with why: AH SAs (nothing to decrypt, no place in esp_sa) and any
    /// transform Wireshark has no name for.
    /// </summary>
    public List<string> Skipped { get; set; } = new();

    public override string ToString() => $"{EspSas.Count} ESP SAs, {IsakmpSas.Count} ISAKMP SAs, {Skipped.Count} skipped";
}
