using System.Buffers.Binary;
using System.Globalization;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Selectors;

namespace Engine.Ike.Trace;

/// <summary>One line per message for the trace: exchange, message id, payloads with what matters in each (no keys).</summary>
internal static class PayloadDescriber
{
    public static string Describe(IsakmpHeader header, IReadOnlyList<IsakmpPayload> payloads, bool encrypted) =>
        $"{header.ExchangeType} mid 0x{header.MessageId.ToString("x8", CultureInfo.InvariantCulture)}"
        + (encrypted ? " (encrypted)" : string.Empty)
        + ((header.Flags & IsakmpHeaderFlags.Commit) != 0 ? " (commit)" : string.Empty)
        + ": " + (payloads.Count == 0 ? "no payloads" : string.Join(" ", payloads.Select(Describe)));

    public static string Describe(IsakmpPayload payload) => payload switch
    {
        SecurityAssociationPayload sa => $"SA({string.Join(", ", sa.Proposals.Select(p => $"#{p.ProposalNumber} {p.ProtocolId} x{p.Transforms.Count}"))})",
        KeyExchangePayload ke => $"KE({ke.BodyLength})",
        NoncePayload nonce => $"NONCE({nonce.BodyLength})",
        IdentificationPayload id => $"ID({DescribeId(id)})",
        HashPayload hash => $"HASH({hash.BodyLength})",
        VendorIdPayload vendor => $"VID({vendor.Identify()?.ToString() ?? Convert.ToHexString(vendor.Data.Span)})",
        NotificationPayload notify => DescribeNotify(notify),
        DeletePayload delete => $"D({delete.ProtocolId} x{delete.Spis.Count})",
        NatDiscoveryPayload => $"NAT-D{(payload.PayloadType == IsakmpPayloadType.NatDiscoveryDraft ? "(draft)" : string.Empty)}",
        NatOriginalAddressPayload oa => $"NAT-OA({oa.Address})",
        UnknownPayload unknown => $"UNKNOWN({(byte)unknown.PayloadType})",
        _ => payload.PayloadType.ToString(),
    };

    private static string DescribeNotify(NotificationPayload notify)
    {
        var detail = notify.NotifyType is IsakmpNotifyType.RUThere or IsakmpNotifyType.RUThereAck && notify.TryGetUInt32Data(out var sequence)
            ? $" seq {sequence.ToString(CultureInfo.InvariantCulture)}"
            : notify.ProtocolId is IsakmpProtocolId.Esp or IsakmpProtocolId.Ah && notify.Spi.Length == 4
            ? $" {notify.ProtocolId} 0x{BinaryPrimitives.ReadUInt32BigEndian(notify.Spi.Span).ToString("x8", CultureInfo.InvariantCulture)}"
            : string.Empty;
        return $"N({notify.NotifyType}{detail})";
    }

    private static string DescribeId(IdentificationPayload id) =>
        TrafficSelector.TryFromIdentification(id, out var selector) ? selector!.ToString() : id.IdType.ToString();
}
