using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Engine.DataPlane.Ip;
using Engine.DataPlane.Replay;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Sa;

/// <summary>
/// One installed IPsec SA: immutable keys and parameters as IKE negotiated them, plus the state
/// the data plane keeps for it (sequence number, replay window, counters, lifetimes). Created by
/// <c>IpsecDataPlane.AddSa</c>, which returns it as the host's handle for deleting it, updating
/// its lifetimes and reading its counters.
/// </summary>
public sealed class SecurityAssociation
{
    private const int SoftExpiredFlag = 1;
    private const int HardExpiredFlag = 2;
    private const int DeletedFlag = 4;

    private readonly TimeProvider time;
    private readonly long addedTimestamp;
    private readonly ulong lastSequenceAllowed;
    private readonly ulong rekeySequence;
    private readonly Lock mappingGate = new();
    private volatile SaLifetimes lifetimes;
    private volatile SaPeer peer;
    private long lastSequence;
    private long lastUsedTimestamp;
    private long idleReportedAt = long.MinValue;
    private int flags;
    private BindChoice? sendChoice;
    private long lastKeepaliveTimestamp = long.MinValue;
    private UInt128 reportedMappingAddress;
    private ushort reportedMappingPort;

    internal SecurityAssociation(SaSpecification specification, int cryptoSlots, ulong sequenceRekeyMargin, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(specification);
        Validate(specification);
        this.time = time;
        Spi = specification.Spi;
        Direction = specification.Direction;
        Protocol = specification.Protocol;
        Mode = specification.Mode;
        Encapsulation = specification.Encapsulation;
        Family = specification.LocalAddress.AddressFamily;
        LocalEndPoint = RecentParts.LocalEndPoint(specification.LocalAddress, Encapsulation == SaEncapsulation.Udp ? specification.LocalPort : 0);
        LocalAddressBits = IpAddressBits.From(specification.LocalAddress);
        peer = RecentParts.Peer(specification.PeerAddress, Encapsulation == SaEncapsulation.Udp ? specification.PeerPort : 0);
        Selector = specification.Selector ?? TrafficSelector.Any;
        ReqId = specification.ReqId;
        ExtendedSequenceNumbers = specification.ExtendedSequenceNumbers;
        ReplayWindowSize = specification.ReplayWindowSize;
        IdleTimeout = specification.IdleTimeout;
        Sink = specification.Sink;
        SendNatKeepalives = specification.SendNatKeepalives && Encapsulation == SaEncapsulation.Udp && Direction == SaDirection.Outbound;
        lifetimes = RecentParts.Lifetimes(specification.SoftLifetime, specification.HardLifetime);

        Transform = new SaTransform(specification.Protocol, specification.Cipher, specification.Aead, specification.Integrity,
            specification.EncryptionKey.Span, specification.IntegrityKey.Span);
        Crypto = new SaCryptoSlots(Transform, cryptoSlots);
        Replay = Direction == SaDirection.Inbound ? new ReplayWindow(ReplayWindowSize, ExtendedSequenceNumbers) : null;

        lastSequenceAllowed = ExtendedSequenceNumbers ? long.MaxValue : (ulong)uint.MaxValue;
        rekeySequence = lastSequenceAllowed > sequenceRekeyMargin ? lastSequenceAllowed - sequenceRekeyMargin : 1;
        AddedAt = time.GetUtcNow();
        addedTimestamp = time.GetTimestamp();
        lastUsedTimestamp = addedTimestamp;
    }

    public uint Spi { get; }

    public SaDirection Direction { get; }

    public IpsecProtocol Protocol { get; }

    public IpsecMode Mode { get; }

    public SaEncapsulation Encapsulation { get; }

    /// <summary>Our outer address, and our UDP port when encapsulated (0 otherwise).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The peer's outer address and UDP port (0 when not encapsulated); changes with <c>UpdatePeer</c>.</summary>
    public IPEndPoint PeerEndPoint => peer.EndPoint;

    public TrafficSelector Selector { get; }

    public int ReqId { get; }

    public bool ExtendedSequenceNumbers { get; }

    public int ReplayWindowSize { get; }

    public TimeSpan IdleTimeout { get; }

    /// <summary>Where decrypted packets go instead of the TUN device; null for the TUN device.</summary>
    public Abstractions.IDecryptedPacketSink? Sink { get; }

    public bool SendNatKeepalives { get; }

    /// <summary>The encryption transform's display name (e.g. AES-CBC-256, AES-GCM-16-128), or "none".</summary>
    public string EncryptionAlgorithm => Transform.EncryptionName;

    /// <summary>The integrity transform's display name (the AEAD's own name for combined modes), or "none".</summary>
    public string IntegrityAlgorithm => Transform.IntegrityName;

    public SaLifetime SoftLifetime => lifetimes.Soft;

    public SaLifetime HardLifetime => lifetimes.Hard;

    public SaCounters Counters { get; } = new();

    public DateTimeOffset AddedAt { get; }

    /// <summary>When a packet last went through (the add time until one does).</summary>
    public DateTimeOffset LastUsedAt => time.GetUtcNow() - time.GetElapsedTime(Volatile.Read(ref lastUsedTimestamp));

    /// <summary>Outbound: the last sequence number sent. Inbound: the highest one accepted.</summary>
    public ulong LastSequenceNumber =>
        Replay?.Top ?? Math.Min((ulong)Interlocked.Read(ref lastSequence), lastSequenceAllowed);

    public SaState State
    {
        get
        {
            var current = Volatile.Read(ref flags);
            return (current & DeletedFlag) != 0 ? SaState.Deleted
                : (current & HardExpiredFlag) != 0 ? SaState.HardExpired
                : (current & SoftExpiredFlag) != 0 ? SaState.SoftExpired
                : SaState.Active;
        }
    }

    internal AddressFamily Family { get; }

    internal UInt128 LocalAddressBits { get; }

    internal SaPeer Peer => peer;

    internal SaTransform Transform { get; }

    internal SaCryptoSlots Crypto { get; }

    internal ReplayWindow? Replay { get; }

    internal SaLifetimes Lifetimes => lifetimes;

    /// <summary>The bind this SA sends through, chosen on first use by the pipeline's bind registry.</summary>
    internal BindChoice? SendChoice
    {
        get => Volatile.Read(ref sendChoice);
        set => Volatile.Write(ref sendChoice, value);
    }

    internal bool IsUsable => (Volatile.Read(ref flags) & (HardExpiredFlag | DeletedFlag)) == 0;

    public override string ToString() =>
        $"{Direction} {Protocol} SPI 0x{Spi:x8} {Mode} {LocalEndPoint} <-> {PeerEndPoint} {EncryptionAlgorithm}/{IntegrityAlgorithm}";

    internal SequenceNumberStatus TryTakeSequenceNumber(out ulong sequence)
    {
        sequence = (ulong)Interlocked.Increment(ref lastSequence);
        if (sequence > lastSequenceAllowed)
        {
            return SequenceNumberStatus.Exhausted;
        }

        return sequence == rekeySequence ? SequenceNumberStatus.AssignedAtRekeyMargin : SequenceNumberStatus.Assigned;
    }

    /// <summary>Counts one packet and returns the traffic limit it reached, if any, and whether that limit is hard.</summary>
    internal ExpiryReason? AddTraffic(int bytes, long timestamp, out bool hard)
    {
        Counters.AddPacket(bytes, out var totalBytes, out var totalPackets);
        Volatile.Write(ref lastUsedTimestamp, timestamp);
        hard = false;
        var current = lifetimes;
        if (!current.HasTrafficLimits)
        {
            return null;
        }

        var reason = SaLifetimes.Reached(current.Hard, totalBytes, totalPackets);
        if (reason is not null)
        {
            hard = true;
            return reason;
        }

        return SaLifetimes.Reached(current.Soft, totalBytes, totalPackets);
    }

    /// <summary>The time limit passed by now, if any, hard before soft.</summary>
    internal ExpiryReason? TimeLimitReached(long now, out bool hard)
    {
        var current = lifetimes;
        var age = time.GetElapsedTime(addedTimestamp, now);
        hard = current.Hard.HasTime && age >= current.Hard.Time;
        return hard || (current.Soft.HasTime && age >= current.Soft.Time) ? ExpiryReason.Time : null;
    }

    /// <summary>True once per idle spell: the SA has been unused for its idle timeout and this was not reported yet.</summary>
    internal bool TryReportIdle(long now)
    {
        if (IdleTimeout <= TimeSpan.Zero)
        {
            return false;
        }

        var lastUsed = Volatile.Read(ref lastUsedTimestamp);
        if (time.GetElapsedTime(lastUsed, now) < IdleTimeout)
        {
            return false;
        }

        return Interlocked.Exchange(ref idleReportedAt, lastUsed) != lastUsed;
    }

    /// <summary>Time since the last packet (for NAT keepalives).</summary>
    internal TimeSpan IdleFor(long now) => time.GetElapsedTime(Volatile.Read(ref lastUsedTimestamp), now);

    internal void MarkUsed(long timestamp) => Volatile.Write(ref lastUsedTimestamp, timestamp);

    /// <summary>
    /// True when a NAT keepalive is due: nothing was sent, keepalives included, for <paramref name="interval"/>.
    /// Records the keepalive; called from the housekeeping timer only.
    /// </summary>
    internal bool TryTakeKeepaliveTurn(long now, TimeSpan interval)
    {
        if (IdleFor(now) < interval
            || (lastKeepaliveTimestamp != long.MinValue && time.GetElapsedTime(lastKeepaliveTimestamp, now) < interval))
        {
            return false;
        }

        lastKeepaliveTimestamp = now;
        return true;
    }

    /// <summary>
    /// True the first time an authentic packet arrives from <paramref name="address"/>:<paramref name="port"/>
    /// while the SA's peer is elsewhere: the peer's NAT mapping changed.
    /// </summary>
    internal bool TryRecordObservedPeer(UInt128 address, ushort port)
    {
        var current = peer;
        if (address == current.Bits && port == current.Port)
        {
            return false;
        }

        lock (mappingGate)
        {
            if (address == reportedMappingAddress && port == reportedMappingPort)
            {
                return false;
            }

            reportedMappingAddress = address;
            reportedMappingPort = port;
            return true;
        }
    }

    /// <summary>Marks a soft or hard expiry; true only for the first of each kind.</summary>
    internal bool TryMarkExpired(bool hard)
    {
        var flag = hard ? HardExpiredFlag : SoftExpiredFlag;
        return (Interlocked.Or(ref flags, flag) & flag) == 0;
    }

    /// <summary>Marks the SA deleted; true only the first time.</summary>
    internal bool TryMarkDeleted() => (Interlocked.Or(ref flags, DeletedFlag) & DeletedFlag) == 0;

    internal void UpdateLifetimes(SaLifetime soft, SaLifetime hard) => lifetimes = new SaLifetimes(soft, hard);

    internal void UpdatePeer(IPEndPoint endPoint)
    {
        if (endPoint.AddressFamily != Family)
        {
            throw new ArgumentException($"The SA is {Family}; {endPoint} is not.", nameof(endPoint));
        }

        peer = new SaPeer(endPoint.Address, Encapsulation == SaEncapsulation.Udp ? endPoint.Port : 0);
    }

    /// <summary>Tests only: continue the outbound sequence from <paramref name="sequence"/>.</summary>
    internal void SetLastSequenceNumber(ulong sequence) => Interlocked.Exchange(ref lastSequence, (long)sequence);

    private static void Validate(SaSpecification specification)
    {
        if (specification.Spi == 0)
        {
            throw new ArgumentException("SPI 0 is reserved (RFC 4303 section 2.1).", nameof(specification));
        }

        if (specification.LocalAddress.AddressFamily != specification.PeerAddress.AddressFamily)
        {
            throw new ArgumentException($"The SA's endpoints {specification.LocalAddress} and {specification.PeerAddress} are of different families.", nameof(specification));
        }

        if (specification.LocalAddress.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"{specification.LocalAddress} is neither IPv4 nor IPv6.", nameof(specification));
        }

        if (specification.Protocol == IpsecProtocol.Ah && specification.Encapsulation == SaEncapsulation.Udp)
        {
            throw new ArgumentException("AH cannot be UDP-encapsulated: it authenticates the addresses a NAT rewrites.", nameof(specification));
        }

        if (specification.Encapsulation == SaEncapsulation.Udp
            && (specification.LocalPort is <= 0 or > ushort.MaxValue || specification.PeerPort is <= 0 or > ushort.MaxValue))
        {
            throw new ArgumentException("A UDP-encapsulated SA needs local and peer ports from 1 to 65535.", nameof(specification));
        }

        if (specification.ReplayWindowSize is < ReplayWindow.MinimumSize or > ReplayWindow.MaximumSize)
        {
            throw new ArgumentException(
                $"The replay window is {ReplayWindow.MinimumSize} to {ReplayWindow.MaximumSize} packets, not {specification.ReplayWindowSize}.", nameof(specification));
        }

        if (specification.Mode == IpsecMode.Tunnel && specification.Selector is null)
        {
            throw new ArgumentException("A tunnel-mode SA needs its traffic selectors: they are checked on every inbound inner packet.", nameof(specification));
        }
    }
}
