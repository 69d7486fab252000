using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Engine.DataPlane.Pipeline;
using Engine.Ike;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Kernel;
using Engine.Ike.Sa;
using Engine.Ike.Statistics;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Ipsec;

/// <summary>
/// Turns the IKE engine's and the data plane's snapshots into the control protocol's results
/// (what Get-IpSecMainModeSA, Get-IpSecQuickModeSA and Get-IpSecStatistics show), with algorithms
/// in the module's words (AES128, 3DES, SHA256, DH group numbers) so that what an administrator
/// reads matches what they wrote in New-IpSecMainModeMethod and New-IpSecSecurityMethod.
/// </summary>
public static class MonitorReports
{
    public static MainModeSa MainMode(MainModeSaInfo sa, DateTimeOffset now)
    {
        var proposal = sa.NegotiatedProposal;
        return new MainModeSa
        {
            Id = sa.Id,
            State = sa.State.ToString(),
            Role = sa.IsInitiator ? "Initiator" : "Responder",
            LocalAddress = sa.Local.Address.ToString(),
            LocalPort = sa.Local.Port,
            PeerAddress = sa.Remote.Address.ToString(),
            PeerPort = sa.Remote.Port,
            MainModeMethod = proposal is null ? null : $"{Encryption(proposal)}-{Hash(proposal.Hash)}-{(int)proposal.Group}",
            Encryption = proposal is null ? null : Encryption(proposal),
            Integrity = proposal is null ? null : Hash(proposal.Hash),
            DHGroup = proposal is null ? null : (int)proposal.Group,
            Authentication = sa.Authentication == IkeAuthenticationMethod.PreSharedKey ? "PreSharedKey" : sa.Authentication.ToString(),
            Created = sa.Created,
            Established = sa.Established,
            LifetimeSeconds = (long)sa.Lifetime.TotalSeconds,
            SecondsRemaining = sa.Established is { } established ? SecondsLeft(established + sa.Lifetime, now) : null,
            QuickModeCount = sa.QuickModes,
            NatDetected = sa.NatDetected,
            NatTraversal = sa.NatTraversal.ToString(),
            PeerType = sa.PeerType,
            PeerVendorIds = sa.PeerVendorIds.ToList(),
        };
    }

    public static QuickModeSa QuickMode(QuickModeSaInfo sa, DateTimeOffset now)
    {
        var proposal = sa.NegotiatedProposal;
        var esp = proposal?.Esp;
        var ah = proposal?.Ah;
        var busiest = Math.Max(sa.Inbound.Bytes, sa.Outbound.Bytes) / 1024;
        var lastUsed = new[] { sa.Inbound.LastUsed, sa.Outbound.LastUsed }.Where(t => t is not null).Max();
        return new QuickModeSa
        {
            Id = sa.Id,
            Rule = sa.Policy,
            State = sa.State.ToString(),
            Role = sa.IsInitiator ? "Initiator" : "Responder",
            LocalAddress = sa.Local.Address.ToString(),
            PeerAddress = sa.Remote.Address.ToString(),
            LocalTrafficSelector = sa.LocalTrafficSelector.ToString(),
            RemoteTrafficSelector = sa.RemoteTrafficSelector.ToString(),
            Mode = sa.Mode.ToString(),
            SecurityMethod = proposal is null ? sa.Proposal : SecurityMethod(proposal),
            Protocol = esp is not null && ah is not null ? "AH+ESP" : ah is not null ? "AH" : "ESP",
            Encryption = esp is null ? null : Encryption(esp),
            Integrity = esp is null ? null : Integrity(esp.Integrity),
            AhIntegrity = ah is null ? null : Integrity(ah.Integrity),
            EspInboundSpi = Spi(sa.InboundSpis, IpsecProtocol.Esp),
            EspOutboundSpi = Spi(sa.OutboundSpis, IpsecProtocol.Esp),
            AhInboundSpi = Spi(sa.InboundSpis, IpsecProtocol.Ah),
            AhOutboundSpi = Spi(sa.OutboundSpis, IpsecProtocol.Ah),
            PerfectForwardSecrecy = sa.PerfectForwardSecrecy,
            Encapsulation = sa.UdpEncapsulated ? "UdpEncapsulated" : "None",
            LocalUdpPort = sa.Encapsulation?.SourcePort,
            PeerUdpPort = sa.Encapsulation?.DestinationPort,
            Installed = sa.Installed,
            LifetimeSeconds = (long)sa.Lifetime.TotalSeconds,
            SecondsRemaining = SecondsLeft(sa.Installed + sa.Lifetime, now),
            LifetimeKilobytes = sa.LifetimeKilobytes,
            KilobytesRemaining = sa.LifetimeKilobytes == 0 ? null : sa.LifetimeKilobytes > busiest ? sa.LifetimeKilobytes - busiest : 0,
            BytesIn = sa.Inbound.Bytes,
            BytesOut = sa.Outbound.Bytes,
            PacketsIn = sa.Inbound.Packets,
            PacketsOut = sa.Outbound.Packets,
            LastUsed = lastUsed,
        };
    }

    public static MainModeStatistics MainModeStatistics(IkeStatistics ike) => new()
    {
        ActiveAcquire = ike.ActiveAcquire,
        ActiveReceive = ike.ActiveReceive,
        AcquireFailures = ike.AcquireFailures,
        ReceiveFailures = ike.ReceiveFailures,
        SendFailures = ike.SendFailures,
        AuthenticationFailures = ike.AuthenticationFailures,
        NegotiationFailures = ike.NegotiationFailures,
        InvalidCookiesReceived = ike.InvalidCookiesReceived,
        TotalAcquire = ike.TotalAcquire,
        TotalReceive = ike.TotalReceive,
        MainModeSas = ike.MainModeSas,
        QuickModeSas = ike.QuickModeSas,
        SoftSas = ike.SoftSas,
        InvalidPacketsReceived = ike.InvalidPacketsReceived,
    };

    public static QuickModeStatistics QuickModeStatistics(DataPlaneStatistics data, IkeStatistics ike) => new()
    {
        ActiveSas = data.ActiveSas,
        ActiveTunnels = data.ActiveTunnels,
        KeyAdditions = data.SaAdditions,
        KeyDeletions = data.SaDeletions,
        Rekeys = ike.QuickModeRekeys,
        BadSpiPackets = data.BadSpiPackets,
        PacketsNotDecrypted = data.PacketsNotDecrypted,
        PacketsNotAuthenticated = data.PacketsNotAuthenticated,
        PacketsWithReplayDetection = data.PacketsWithReplayDetected,
        ConfidentialBytesSent = data.ConfidentialBytesSent,
        ConfidentialBytesReceived = data.ConfidentialBytesReceived,
        AuthenticatedBytesSent = data.AuthenticatedBytesSent,
        AuthenticatedBytesReceived = data.AuthenticatedBytesReceived,
        TransportBytesSent = data.TransportBytesSent,
        TransportBytesReceived = data.TransportBytesReceived,
        BytesSentInTunnels = data.TunnelBytesSent,
        BytesReceivedInTunnels = data.TunnelBytesReceived,
    };

    /// <summary>"ESP[AES128,SHA1]", "AH[SHA1]", "AH[SHA256]+ESP[AES256,SHA256]": SecurityMethod's form without the lifetimes.</summary>
    public static string SecurityMethod(QuickModeProposal proposal)
    {
        var esp = proposal.Esp is { } e ? $"ESP[{Encryption(e)},{Integrity(e.Integrity)}]" : null;
        var ah = proposal.Ah is { } a ? $"AH[{Integrity(a.Integrity)}]" : null;
        return ah is not null && esp is not null ? $"{ah}+{esp}" : ah ?? esp!;
    }

    private static string Encryption(MainModeProposal proposal) => proposal.Encryption switch
    {
        IkeEncryptionAlgorithm.DesCbc => "DES",
        IkeEncryptionAlgorithm.TripleDesCbc => "3DES",
        IkeEncryptionAlgorithm.AesCbc => "AES" + proposal.KeyLengthBits.ToString(CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private static string Encryption(EspProposal esp) => esp.Transform switch
    {
        EspTransformId.Null => "None",
        EspTransformId.Des => "DES",
        EspTransformId.TripleDes => "3DES",
        EspTransformId.AesCbc => "AES" + esp.KeyLengthBits.ToString(CultureInfo.InvariantCulture),
        EspTransformId.AesGcm16 => "AESGCM" + esp.KeyLengthBits.ToString(CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private static string Hash(IkeHashAlgorithm hash) => hash switch
    {
        IkeHashAlgorithm.Md5 => "MD5",
        IkeHashAlgorithm.Sha1 => "SHA1",
        IkeHashAlgorithm.Sha2_256 => "SHA256",
        IkeHashAlgorithm.Sha2_384 => "SHA384",
        IkeHashAlgorithm.Sha2_512 => "SHA512",
        var other => other.ToString(),
    };

    private static string Integrity(IpsecAuthenticationAlgorithm? integrity) => integrity switch
    {
        null => "None",
        IpsecAuthenticationAlgorithm.HmacMd5 => "MD5",
        IpsecAuthenticationAlgorithm.HmacSha1 => "SHA1",
        IpsecAuthenticationAlgorithm.HmacSha2_256 => "SHA256",
        IpsecAuthenticationAlgorithm.HmacSha2_384 => "SHA384",
        IpsecAuthenticationAlgorithm.HmacSha2_512 => "SHA512",
        var other => other.Value.ToString(),
    };

    private static string? Spi(IReadOnlyDictionary<IpsecProtocol, uint> spis, IpsecProtocol protocol) =>
        spis.TryGetValue(protocol, out var spi) ? "0x" + spi.ToString("x8", CultureInfo.InvariantCulture) : null;

    private static long SecondsLeft(DateTimeOffset end, DateTimeOffset now) => Math.Max(0, (long)Math.Ceiling((end - now).TotalSeconds));
}
