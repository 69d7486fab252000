using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Reflection;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Pipeline;
using Engine.Host.Ipsec;
using Engine.Host.Tests.Ipsec.Support;
using Engine.Ike.Kernel;
using Microsoft.Extensions.Time.Testing;
using static Engine.Host.Tests.Ipsec.Support.ModelPolicy;
using DataPlaneEncapsulation = Engine.DataPlane.Sa.SaEncapsulation;

namespace Engine.Host.Tests.Ipsec;

/// <summary>
/// IKE's kernel interface over the userspace data plane: SPIs, installing SAs with their
/// conversation's reqid, usage, moving an SA to new endpoints, removal.
/// </summary>
public sealed class DataPlaneKernelTests : IDisposable
{
    private const string Me = "192.0.2.10";
    private const string Peer = "198.51.100.7";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly VirtualNetwork network = new();
    private readonly IpsecDataPlane dataPlane;
    private readonly SecurityPolicyTable policies;
    private readonly DataPlaneKernel kernel;
    private readonly MemoryTun tun = new("kernel-test");
    private readonly OutboundPacketLoop outbound;
    private readonly EnforcedPolicy policy = EnforcedPolicy.From(new ModelPolicy().Negotiate("All IP", [Filter("Me", "Any")]), Me);
    private readonly List<(string What, KernelSa Sa, int ReqId)> changes = [];

    public DataPlaneKernelTests()
    {
        dataPlane = new IpsecDataPlane(new DataPlaneOptions(), null, null, clock);
        policies = new SecurityPolicyTable(dataPlane);
        policies.SetTraps(policy.Traps);
        kernel = new DataPlaneKernel(dataPlane, policies, TimeSpan.FromSeconds(300));
        kernel.Changed += (what, sa, reqId) => changes.Add((what, sa, reqId));
        outbound = dataPlane.CreateOutboundLoop(tun);
        dataPlane.CreateInboundLoop(network.Bind(DatagramEndpointKind.Esp, IPAddress.Parse(Me)));
        dataPlane.CreateInboundLoop(network.Bind(DatagramEndpointKind.NatTraversal, IPAddress.Parse(Me)));
        network.Bind(DatagramEndpointKind.Esp, IPAddress.Parse(Peer));
    }

    public void Dispose() => dataPlane.Dispose();

    [Fact]
    public void Spis_are_at_least_256_and_unique_while_reserved()
    {
        // 50 000 draws from 2^32 collide with a chance of about 25 % unless reserved SPIs are skipped.
        var spis = Enumerable.Range(0, 50_000).Select(_ => kernel.AllocateSpi(IPAddress.Parse(Me), IPAddress.Parse(Peer), IpsecProtocol.Esp)).ToList();

        Assert.All(spis, spi => Assert.True(spi >= 256, $"SPI {spi} is reserved by IANA"));
        Assert.Equal(spis.Count, spis.Distinct().Count());
        Assert.Equal(50_000, ReservedSpis());
    }

    [Fact]
    public void A_reserved_spi_is_given_back_when_released_or_taken_by_its_inbound_sa()
    {
        var released = kernel.AllocateSpi(IPAddress.Parse(Me), IPAddress.Parse(Peer), IpsecProtocol.Esp);
        var used = kernel.AllocateSpi(IPAddress.Parse(Me), IPAddress.Parse(Peer), IpsecProtocol.Esp);
        var ah = kernel.AllocateSpi(IPAddress.Parse(Me), IPAddress.Parse(Peer), IpsecProtocol.Ah);
        Assert.Equal(3, ReservedSpis());

        kernel.ReleaseSpi(new KernelSaId(IPAddress.Parse(Me), IpsecProtocol.Esp, released));
        kernel.ReleaseSpi(new KernelSaId(IPAddress.Parse(Me), IpsecProtocol.Esp, ah)); // another protocol's SPI stays
        Assert.Equal(2, ReservedSpis());

        kernel.AddSa(KernelSas.Sa(SaDirection.Inbound, Me, Peer, childSaId: 1, spi: used));
        Assert.Equal(1, ReservedSpis());
        Assert.NotNull(dataPlane.FindInboundSa(Engine.DataPlane.Sa.IpsecProtocol.Esp, used));
    }

    [Fact]
    public void Both_halves_of_a_quick_mode_are_installed_with_their_conversations_reqid()
    {
        var (inbound, outboundSa) = KernelSas.Pair(Me, Peer, childSaId: 7, spi: 0x1000);

        kernel.AddSa(inbound);
        kernel.AddSa(outboundSa);

        var sas = dataPlane.GetSas();
        Assert.Equal(2, sas.Count);
        var reqId = Assert.Single(sas.Select(sa => sa.ReqId).Distinct());
        Assert.Contains(dataPlane.GetPolicies(), entry => entry.Id == reqId);
        Assert.DoesNotContain(policy.Traps, trap => trap.EntryId == reqId);
        Assert.All(sas, sa => Assert.Equal(TimeSpan.FromSeconds(300), sa.IdleTimeout));
        var installedIn = sas.Single(sa => sa.Direction == Engine.DataPlane.Sa.SaDirection.Inbound);
        Assert.Equal(0x1000u, installedIn.Spi);
        Assert.Equal(IPAddress.Parse(Me), installedIn.LocalEndPoint.Address);
        Assert.Equal(IPAddress.Parse(Peer), installedIn.PeerEndPoint.Address);
        Assert.Equal(0x1001u, sas.Single(sa => sa.Direction == Engine.DataPlane.Sa.SaDirection.Outbound).Spi);

        Assert.Equal([inbound, outboundSa], kernel.InstalledSas().OrderBy(sa => sa.Id.Spi));
        Assert.Equal(inbound.EncryptionKey.ToArray(), kernel.InstalledSas().First(sa => sa.Direction == SaDirection.Inbound).EncryptionKey.ToArray());
        Assert.Equal(sas.OrderBy(sa => sa.Spi), kernel.HandlesOf(7).OrderBy(sa => sa.Spi));
        Assert.True(kernel.TryFind(installedIn, out var found));
        Assert.Same(inbound, found);
        Assert.Equal([("installed", inbound, reqId), ("installed", outboundSa, reqId)], changes);
    }

    [Fact]
    public void The_outbound_sa_sends_the_packets_held_under_the_trap()
    {
        var packet = IpPackets.UdpPacket(IPAddress.Parse(Me), IPAddress.Parse(Peer), 40000, 7, IpPackets.Payload(64, 1));
        tun.Inject(packet);
        outbound.ProcessNext();
        Assert.Equal(1, dataPlane.GetStatistics().PacketsHeld);

        var (inbound, outboundSa) = KernelSas.Pair(Me, Peer, childSaId: 7, spi: 0x1000);
        kernel.AddSa(inbound);
        Assert.Empty(network.Sent);
        kernel.AddSa(outboundSa);

        var esp = Assert.Single(network.Sent);
        Assert.Equal(DatagramEndpointKind.Esp, esp.Kind);
        Assert.Equal(IPAddress.Parse(Peer), esp.Destination.Address);
        Assert.Equal(0x1001u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(esp.Payload));
        Assert.Equal(1, dataPlane.GetStatistics().HeldPacketsSent);
    }

    [Fact]
    public void An_sa_the_data_plane_refuses_leaves_no_policy_instance_behind()
    {
        kernel.AddSa(KernelSas.Sa(SaDirection.Inbound, Me, Peer, childSaId: 1, spi: 0x1000));
        var entries = dataPlane.GetPolicies().Count;

        // The same inbound SPI again (for another peer: another conversation) is refused.
        Assert.Throws<InvalidOperationException>(() => kernel.AddSa(KernelSas.Sa(SaDirection.Inbound, Me, "198.51.100.8", childSaId: 2, spi: 0x1000)));

        Assert.Equal(entries, dataPlane.GetPolicies().Count);
        Assert.Single(kernel.InstalledSas());
        Assert.Single(changes);
    }

    [Fact]
    public void Usage_counts_what_went_through_an_sa()
    {
        var (inbound, outboundSa) = KernelSas.Pair(Me, Peer, childSaId: 7, spi: 0x1000);
        kernel.AddSa(inbound);
        kernel.AddSa(outboundSa);
        Assert.True(kernel.TryQueryUsage(outboundSa.Id, out var idle));
        Assert.Equal(new KernelSaUsage(0, 0, null), idle);

        clock.Advance(TimeSpan.FromSeconds(5));
        foreach (var length in new[] { 10, 20, 30 })
        {
            tun.Inject(IpPackets.UdpPacket(IPAddress.Parse(Me), IPAddress.Parse(Peer), 40000, 7, IpPackets.Payload(length, length)));
            outbound.ProcessNext();
        }

        Assert.True(kernel.TryQueryUsage(outboundSa.Id, out var usage));
        Assert.Equal(3UL, usage.Packets);
        Assert.Equal((ulong)(3 * 8 + 10 + 20 + 30), usage.Bytes); // transport mode counts the UDP datagrams
        Assert.Equal(clock.GetUtcNow(), usage.LastUsed);
        Assert.True(kernel.TryQueryUsage(inbound.Id, out var inboundUsage));
        Assert.Equal(0UL, inboundUsage.Packets);
        Assert.False(kernel.TryQueryUsage(new KernelSaId(IPAddress.Parse(Peer), IpsecProtocol.Esp, 0x9999), out _));
    }

    [Fact]
    public void A_moved_peer_with_the_same_encapsulation_is_followed_in_place()
    {
        var nat = new UdpEncapsulation(4500, 4500);
        var inbound = KernelSas.Sa(SaDirection.Inbound, Me, Peer, childSaId: 7, spi: 0x1000, encapsulation: nat);
        var outboundSa = KernelSas.Sa(SaDirection.Outbound, Me, Peer, childSaId: 7, spi: 0x1001, encapsulation: nat);
        kernel.AddSa(inbound);
        kernel.AddSa(outboundSa);
        var before = dataPlane.GetSas().OrderBy(sa => sa.Spi).ToList();

        // The peer's NAT mapping moved to another address and port.
        var moved = new IPEndPoint(IPAddress.Parse("198.51.100.8"), 31001);
        kernel.UpdateSa(inbound.Id, moved.Address, IPAddress.Parse(Me), new UdpEncapsulation(31001, 4500));
        kernel.UpdateSa(outboundSa.Id, IPAddress.Parse(Me), IPAddress.Parse(Peer), new UdpEncapsulation(4500, 31001));

        var after = dataPlane.GetSas().OrderBy(sa => sa.Spi).ToList();
        Assert.Same(before[0], after[0]);
        Assert.Same(before[1], after[1]);
        Assert.Equal(moved, after[0].PeerEndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(Peer), 31001), after[1].PeerEndPoint);
        var installedIn = kernel.InstalledSas().Single(sa => sa.Direction == SaDirection.Inbound);
        Assert.Equal(moved.Address, installedIn.Source);
        Assert.Equal(new UdpEncapsulation(31001, 4500), installedIn.Encapsulation);
        Assert.Equal(new UdpEncapsulation(4500, 31001), kernel.InstalledSas().Single(sa => sa.Direction == SaDirection.Outbound).Encapsulation);
        Assert.Equal(inbound.EncryptionKey.ToArray(), installedIn.EncryptionKey.ToArray());
        Assert.Equal(2, changes.Count); // nothing was removed or installed again
    }

    [Fact]
    public void Switching_from_raw_esp_to_udp_installs_the_sa_again_with_the_same_spi_and_reqid()
    {
        var (inbound, outboundSa) = KernelSas.Pair(Me, Peer, childSaId: 7, spi: 0x1000);
        kernel.AddSa(inbound);
        kernel.AddSa(outboundSa);
        var reqId = dataPlane.GetSas()[0].ReqId;
        var before = dataPlane.GetSas().Single(sa => sa.Spi == 0x1001);

        kernel.UpdateSa(outboundSa.Id, IPAddress.Parse(Me), IPAddress.Parse(Peer), new UdpEncapsulation(4500, 4500));

        var after = dataPlane.GetSas().Single(sa => sa.Spi == 0x1001);
        Assert.NotSame(before, after);
        Assert.Equal(DataPlaneEncapsulation.Udp, after.Encapsulation);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(Peer), 4500), after.PeerEndPoint);
        Assert.Equal(reqId, after.ReqId);
        Assert.Equal(2, dataPlane.GetSas().Count);
        var installed = kernel.InstalledSas().Single(sa => sa.Id.Spi == 0x1001);
        Assert.Equal(outboundSa.Id, installed.Id);
        Assert.Equal(new UdpEncapsulation(4500, 4500), installed.Encapsulation);
        Assert.Equal(["installed", "installed", "removed", "installed"], changes.Select(c => c.What));

        // Traffic now leaves in UDP 4500.
        tun.Inject(IpPackets.UdpPacket(IPAddress.Parse(Me), IPAddress.Parse(Peer), 40000, 7, IpPackets.Payload(10, 1)));
        outbound.ProcessNext();
        Assert.Equal(DatagramEndpointKind.NatTraversal, Assert.Single(network.Sent).Kind);
    }

    [Fact]
    public void Updating_an_unknown_sa_does_nothing()
    {
        kernel.UpdateSa(new KernelSaId(IPAddress.Parse(Peer), IpsecProtocol.Esp, 0x4242), IPAddress.Parse(Me), IPAddress.Parse(Peer), null);

        Assert.Empty(dataPlane.GetSas());
        Assert.Empty(changes);
    }

    [Fact]
    public void Deleting_removes_the_sa_and_the_conversation_goes_with_its_last_one()
    {
        var (inbound, outboundSa) = KernelSas.Pair(Me, Peer, childSaId: 7, spi: 0x1000);
        kernel.AddSa(inbound);
        kernel.AddSa(outboundSa);
        var reqId = dataPlane.GetSas()[0].ReqId;

        kernel.DeleteSa(outboundSa.Id);
        Assert.Single(dataPlane.GetSas());
        Assert.Contains(dataPlane.GetPolicies(), entry => entry.Id == reqId);
        Assert.False(kernel.TryQueryUsage(outboundSa.Id, out _));

        kernel.DeleteSa(inbound.Id);
        Assert.Empty(dataPlane.GetSas());
        Assert.Empty(kernel.InstalledSas());
        Assert.Empty(kernel.HandlesOf(7));
        Assert.DoesNotContain(dataPlane.GetPolicies(), entry => entry.Id == reqId);
        Assert.Equal(policy.Traps.Count, dataPlane.GetPolicies().Count);

        kernel.DeleteSa(inbound.Id); // a second delete (IKE after a hard expiry) changes nothing
        Assert.Equal(["installed", "installed", "removed", "removed"], changes.Select(c => c.What));
    }

    /// <summary>The reserved SPIs: the kernel adapter has no other way to show them, so the test reads its private set.</summary>
    private int ReservedSpis()
    {
        var field = typeof(DataPlaneKernel).GetField("reserved", BindingFlags.NonPublic | BindingFlags.Instance)!;
        return ((HashSet<(IpsecProtocol, uint)>)field.GetValue(kernel)!).Count;
    }
}
