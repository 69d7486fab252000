using System.Collections.Generic;
using System.Linq;
using System.Net;
using Engine.DataPlane.Ip;
using Engine.DataPlane.Sad;
using Engine.DataPlane.Spd;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Spd;

/// <summary>
/// The SPD scans a few entries in order and looks many up through its index: both must give what
/// a walk of the entries in lookup order gives (the first, by priority then age, that matches).
/// </summary>
public sealed class SecurityPolicyDatabaseTests
{
    private static readonly string[] Hosts4 = ["10.1.2.3", "10.1.2.4", "10.1.3.9", "10.2.0.1", "192.0.2.10", "192.0.2.11", "203.0.113.5"];
    private static readonly string[] Hosts6 = ["2001:db8::10", "2001:db8::11", "2001:db8:1::5", "2001:db9::1"];

    [Fact]
    public void Lookups_agree_with_a_walk_in_order_across_adds_replacements_and_removals()
    {
        var random = new Random(20261124);
        var database = new SecurityPolicyDatabase();
        var model = new List<(SpdEntry Entry, long Sequence)>();
        long sequence = 0;

        void Add(SpdEntry entry)
        {
            database.Add(entry, new OutboundSaBinding(entry.ReqId, holdLimit: 4));
            model.RemoveAll(m => m.Entry.Id == entry.Id);
            model.Add((entry, sequence++));
        }

        void Remove(int id)
        {
            Assert.Equal(model.Any(m => m.Entry.Id == id), database.Remove(id) is not null);
            model.RemoveAll(m => m.Entry.Id == id);
        }

        void Check(int packets)
        {
            var inOrder = model.OrderBy(m => m.Entry.Priority).ThenBy(m => m.Sequence).Select(m => m.Entry).ToList();
            Assert.Equal(inOrder.Select(e => e.Id), database.Entries.Select(s => s.Entry.Id));
            for (var i = 0; i < packets; i++)
            {
                var fields = RandomPacket(random);
                var expected = inOrder.FirstOrDefault(e => e.Selector.MatchesOutbound(fields));
                var found = database.Lookup(fields);
                Assert.True(ReferenceEquals(expected, found?.Entry),
                    $"{fields.Family} {fields.Protocol} {fields.SourcePort}->{fields.DestinationPort}: expected {expected?.Id.ToString() ?? "none"} ({expected?.Selector}), found {found?.Entry.Id.ToString() ?? "none"} ({found?.Entry.Selector})");
            }
        }

        // Few (scanned), then many (indexed), with ids reused so that some adds replace.
        for (var id = 1; id <= 10; id++)
        {
            Add(RandomEntry(random, id));
        }

        Check(500);
        for (var i = 0; i < 400; i++)
        {
            Add(RandomEntry(random, random.Next(1, 350)));
        }

        Check(3000);
        foreach (var id in model.Select(m => m.Entry.Id).Where(_ => random.Next(3) == 0).ToList())
        {
            Remove(id);
        }

        Remove(100_000);
        Check(2000);

        // Back down to a scan, and up again.
        foreach (var id in model.Select(m => m.Entry.Id).Skip(12).ToList())
        {
            Remove(id);
        }

        Check(1000);
        for (var i = 0; i < 100; i++)
        {
            Add(RandomEntry(random, 1000 + i));
        }

        Check(1000);
    }

    [Fact]
    public void Twenty_thousand_host_entries_each_find_their_own_traffic_through_churn()
    {
        var database = new SecurityPolicyDatabase();
        var local = IPAddress.Parse("192.0.2.10");
        for (var i = 0; i < 20_000; i++)
        {
            database.Add(new SpdEntry
            {
                Id = i + 1,
                Priority = 2 * i + 1,
                ReqId = i + 1,
                Selector = new TrafficSelector
                {
                    LocalAddresses = AddressRange.Host(local),
                    RemoteAddresses = AddressRange.Host(Remote(i)),
                    Protocol = 17,
                    RemotePorts = PortRange.Single((ushort)(1024 + i % 50_000)),
                },
            }, new OutboundSaBinding(i + 1, holdLimit: 4));
        }

        database.Add(new SpdEntry { Id = 50_000, Priority = 1_000_000, ReqId = 50_000, Selector = TrafficSelector.Any }, new OutboundSaBinding(50_000, holdLimit: 4));

        foreach (var i in new[] { 0, 1, 777, 12_345, 19_999 })
        {
            Assert.Equal(i + 1, database.Lookup(Fields(TestPackets.Udp(local, Remote(i), 40000, (ushort)(1024 + i % 50_000), [])))!.Entry.Id);
            Assert.Equal(50_000, database.Lookup(Fields(TestPackets.Udp(local, Remote(i), 40000, 9, [])))!.Entry.Id);
            Assert.Equal(50_000, database.Lookup(Fields(TestPackets.Tcp(local, Remote(i), 40000, (ushort)(1024 + i % 50_000), [])))!.Entry.Id);
        }

        Assert.Equal(20_001, database.Entries.Length);
        Assert.NotNull(database.Remove(778));
        Assert.Equal(50_000, database.Lookup(Fields(TestPackets.Udp(local, Remote(777), 40000, 1024 + 777, [])))!.Entry.Id);
        Assert.Equal(20_000, database.Entries.Length);

        // Churn: most entries go, others come under new ids (the summaries must follow).
        for (var i = 1_000; i < 20_000; i++)
        {
            Assert.NotNull(database.Remove(i + 1));
        }

        for (var i = 1_000; i < 15_000; i++)
        {
            database.Add(new SpdEntry
            {
                Id = 100_000 + i,
                Priority = 2 * i,
                ReqId = 100_000 + i,
                Selector = TrafficSelector.Between(AddressRange.Host(local), AddressRange.Host(Remote(i + 30_000))),
            }, new OutboundSaBinding(100_000 + i, holdLimit: 4));
        }

        foreach (var i in new[] { 1_000, 1_001, 9_999, 14_999 })
        {
            Assert.Equal(50_000, database.Lookup(Fields(TestPackets.Udp(local, Remote(i), 40000, (ushort)(1024 + i % 50_000), [])))!.Entry.Id);
            Assert.Equal(100_000 + i, database.Lookup(Fields(TestPackets.Tcp(local, Remote(i + 30_000), 40000, 80, [])))!.Entry.Id);
        }

        Assert.Equal(999, database.Lookup(Fields(TestPackets.Udp(local, Remote(998), 40000, 1024 + 998, [])))!.Entry.Id);
        Assert.Equal(999 + 14_000 + 1, database.Entries.Length);
    }

    [Fact]
    public void An_indexed_any_of_one_family_takes_no_packet_of_the_other()
    {
        var database = new SecurityPolicyDatabase();
        var families = new[] { (Id: 1, Range: AddressRange.AnyIpv6), (Id: 2, Range: AddressRange.AnyIpv4), (Id: 3, Range: AddressRange.Any) };
        foreach (var (id, range) in families)
        {
            database.Add(new SpdEntry { Id = id, Priority = id, ReqId = id, Selector = TrafficSelector.Between(range, range) }, new OutboundSaBinding(id, holdLimit: 4));
        }

        for (var id = 10; id < 10 + SecurityPolicyDatabase.ScanLimit; id++)
        {
            var host = AddressRange.Host(new IPAddress([198, 51, 100, (byte)id]));
            database.Add(new SpdEntry { Id = id, Priority = id, ReqId = id, Selector = TrafficSelector.Between(host, host) }, new OutboundSaBinding(id, holdLimit: 4));
        }

        var v4 = Fields(TestPackets.Udp(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 1, 2, []));
        var v6 = Fields(TestPackets.Udp(IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::2"), 1, 2, []));
        Assert.Equal(2, database.Lookup(v4)!.Entry.Id);
        Assert.Equal(1, database.Lookup(v6)!.Entry.Id);
        database.Remove(2);
        Assert.Equal(3, database.Lookup(v4)!.Entry.Id);
        database.Remove(3);
        Assert.Null(database.Lookup(v4));
    }

    [Fact]
    public void A_binding_has_entries_until_the_last_entry_using_it_goes_or_moves()
    {
        var database = new SecurityPolicyDatabase();
        var shared = new OutboundSaBinding(7, holdLimit: 4);
        var other = new OutboundSaBinding(8, holdLimit: 4);
        database.Add(new SpdEntry { Id = 1, ReqId = 7, Selector = TrafficSelector.Any }, shared);
        database.Add(new SpdEntry { Id = 2, ReqId = 7, Selector = TrafficSelector.Any }, shared);
        Assert.True(database.HasEntriesFor(shared));
        Assert.False(database.HasEntriesFor(other));

        database.Remove(1);
        Assert.True(database.HasEntriesFor(shared));
        database.Add(new SpdEntry { Id = 2, ReqId = 8, Selector = TrafficSelector.Any }, other);
        Assert.False(database.HasEntriesFor(shared));
        Assert.True(database.HasEntriesFor(other));
        database.Remove(2);
        Assert.False(database.HasEntriesFor(other));
    }

    private static IPAddress Remote(int i) => new([10, (byte)(100 + (i >> 16)), (byte)(i >> 8), (byte)i]);

    private static SpdEntry RandomEntry(Random random, int id)
    {
        var v6 = random.Next(4) == 0;
        var protocol = new byte[] { 0, 0, 6, 17, 1 }[random.Next(5)];
        var ports = protocol is 0 or 6 or 17;
        return new SpdEntry
        {
            Id = id,
            Priority = random.Next(8),
            ReqId = id,
            Selector = new TrafficSelector
            {
                LocalAddresses = RandomRange(random, v6),
                RemoteAddresses = random.Next(20) == 0 ? RandomRange(random, !v6) : RandomRange(random, v6),
                Protocol = protocol,
                LocalPorts = ports ? RandomPorts(random) : PortRange.Any,
                RemotePorts = ports ? RandomPorts(random) : PortRange.Any,
            },
        };
    }

    private static AddressRange RandomRange(Random random, bool v6)
    {
        var hosts = v6 ? Hosts6 : Hosts4;
        var host = IPAddress.Parse(hosts[random.Next(hosts.Length)]);
        return random.Next(12) switch
        {
            0 => AddressRange.Any,
            1 => v6 ? AddressRange.AnyIpv6 : AddressRange.AnyIpv4,
            2 => v6 ? AddressRange.Range(IPAddress.Parse("2001:db8::f"), IPAddress.Parse("2001:db8::12")) : AddressRange.Range(IPAddress.Parse("10.1.2.2"), IPAddress.Parse("10.1.3.0")),
            3 or 4 => AddressRange.Prefix(host, v6 ? new[] { 32, 48, 64, 126 }[random.Next(4)] : new[] { 8, 16, 24, 30 }[random.Next(4)]),
            _ => AddressRange.Host(host),
        };
    }

    private static PortRange RandomPorts(Random random) => random.Next(6) switch
    {
        0 => PortRange.Single((ushort)random.Next(1, 4)),
        1 => new PortRange(2, 3),
        2 => PortRange.Single(0),
        _ => PortRange.Any,
    };

    private static IpPacketFields RandomPacket(Random random)
    {
        var v6 = random.Next(4) == 0;
        var hosts = v6 ? Hosts6 : Hosts4;
        var source = IPAddress.Parse(hosts[random.Next(hosts.Length)]);
        var destination = IPAddress.Parse(hosts[random.Next(hosts.Length)]);
        var sourcePort = (ushort)random.Next(0, 4);
        var destinationPort = (ushort)random.Next(0, 4);
        return Fields(random.Next(3) switch
        {
            0 => TestPackets.Udp(source, destination, sourcePort, destinationPort, []),
            1 => TestPackets.Tcp(source, destination, sourcePort, destinationPort, []),
            _ => TestPackets.Ip(source, destination, v6 ? (byte)58 : (byte)1, [8, 0, 0, 0, 0, 0, 0, 0]),
        });
    }

    private static IpPacketFields Fields(byte[] packet)
    {
        Assert.True(IpPacketParser.TryParse(packet, out var fields));
        return fields;
    }
}
