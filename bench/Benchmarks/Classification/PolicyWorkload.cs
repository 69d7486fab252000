using System;
using System.Collections.Generic;
using System.Net;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Benchmarks.Classification;

/// <summary>
/// A policy of <c>n</c> written filters for the compile and classify benchmarks, plus a catch-all
/// "Me to Any" rule. Filter <c>i</c> has shape <c>i % 8</c>, each shape its own rule, so the
/// mix (and with it the number of distinct prefix-length pairs, which is what a tuple-space lookup
/// costs) is the same at 10 filters as at 100,000; only the number of filters per shape grows:
/// <list type="number">
/// <item>Me to a host, TCP to one of 1,000 ports, mirrored, Negotiate (servers).</item>
/// <item>Me to a host, any protocol, mirrored, Negotiate.</item>
/// <item>Me to a /24, UDP 1701 (L2TP), mirrored, Negotiate.</item>
/// <item>A /24 to a /24 (site to site), mirrored, Negotiate.</item>
/// <item>Me to a /28, any protocol, mirrored, Permit.</item>
/// <item>Any to a host, TCP 22, not mirrored, Block.</item>
/// <item>Me to a host, ICMP, mirrored, Permit.</item>
/// <item>Me to a /16, any protocol, mirrored, Negotiate.</item>
/// </list>
/// Mirrored is the default for a written filter, so the compiled policy has about 1.9 effective
/// filters per written one. Every block is distinct; shapes live in different address ranges.
/// </summary>
public sealed class PolicyWorkload
{
    public const int Shapes = 8;

    private static readonly IPAddress Me = IPAddress.Parse("192.0.2.10");

    private PolicyWorkload(int filterCount)
    {
        FilterCount = filterCount;
        Document.Policies.Add(Policy);
        var lists = new List<Filter>[Shapes];
        for (var shape = 0; shape < Shapes; shape++)
        {
            lists[shape] = new List<Filter>(filterCount / Shapes + 1);
        }

        for (var i = 0; i < filterCount; i++)
        {
            lists[i % Shapes].Add(FilterFor(i % Shapes, i / Shapes));
        }

        for (var shape = 0; shape < Shapes; shape++)
        {
            AddRule($"Shape {shape}", ActionFor(shape), lists[shape]);
        }

        AddRule("Catch-all", FilterActionType.Negotiate, [new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = FilterAddress.Any }]);
    }

    /// <summary>Written filters, without the catch-all.</summary>
    public int FilterCount { get; }

    public StoreDocument Document { get; } = new();

    public IpSecPolicy.Model.Objects.Policy Policy { get; } = new() { Name = "Bench" };

    /// <summary>The host the policy is compiled for: one IPv4 address, which is what Me stands for.</summary>
    public HostContext Host { get; } = HostContext.ForAddresses("192.0.2.10");

    public static PolicyWorkload Create(int filterCount) => new(filterCount);

    public CompiledPolicy Compile() => PolicyCompiler.Compile(Document, Policy, Host);

    /// <summary>
    /// <paramref name="count"/> packets, seeded: three in four match a random written filter in its
    /// written direction, one in four matches only the catch-all (a miss in every specific table).
    /// </summary>
    public PacketSample[] Packets(int count, int seed = 6)
    {
        var random = new Random(seed);
        var packets = new PacketSample[count];
        for (var p = 0; p < count; p++)
        {
            var ephemeral = (ushort)random.Next(49152, 65536);
            if (p % 4 == 3 || FilterCount == 0)
            {
                packets[p] = new PacketSample(Me, V4(203, 0, 113, random.Next(1, 255)), 6, ephemeral, (ushort)random.Next(1, 65536));
                continue;
            }

            var i = random.Next(FilterCount);
            packets[p] = PacketFor(i % Shapes, i / Shapes, random, ephemeral);
        }

        return packets;
    }

    private static FilterActionType ActionFor(int shape) => shape switch
    {
        4 or 6 => FilterActionType.Permit,
        5 => FilterActionType.Block,
        _ => FilterActionType.Negotiate,
    };

    private static Filter FilterFor(int shape, int k) => shape switch
    {
        0 => F(FilterAddress.Me, FilterAddress.FromAddress(HostIn(shape, k)), FilterProtocol.Tcp, 0, ServerPort(k)),
        1 => F(FilterAddress.Me, FilterAddress.FromAddress(HostIn(shape, k)), FilterProtocol.Any, 0, 0),
        2 => F(FilterAddress.Me, FilterAddress.FromSubnet(Subnet24(shape, k), 24), FilterProtocol.Udp, 0, 1701),
        3 => F(FilterAddress.FromSubnet(Subnet24(16, k), 24), FilterAddress.FromSubnet(Subnet24(shape, k), 24), FilterProtocol.Any, 0, 0),
        4 => F(FilterAddress.Me, FilterAddress.FromSubnet(Subnet28(shape, k), 28), FilterProtocol.Any, 0, 0),
        5 => F(FilterAddress.Any, FilterAddress.FromAddress(HostIn(shape, k)), FilterProtocol.Tcp, 0, 22, mirrored: false),
        6 => F(FilterAddress.Me, FilterAddress.FromAddress(HostIn(shape, k)), FilterProtocol.Icmp, 0, 0),
        _ => F(FilterAddress.Me, FilterAddress.FromSubnet(Subnet16(k), 16), FilterProtocol.Any, 0, 0),
    };

    private static PacketSample PacketFor(int shape, int k, Random random, ushort ephemeral) => shape switch
    {
        0 => new(Me, HostIn(shape, k), 6, ephemeral, ServerPort(k)),
        1 => new(Me, HostIn(shape, k), 17, ephemeral, 53),
        2 => new(Me, Inside(Subnet24(shape, k), random.Next(1, 255)), 17, 1701, 1701),
        3 => new(Inside(Subnet24(16, k), random.Next(1, 255)), Inside(Subnet24(shape, k), random.Next(1, 255)), 6, ephemeral, 443),
        4 => new(Me, Inside(Subnet28(shape, k), random.Next(1, 15)), 6, ephemeral, 8080),
        5 => new(V4(198, 51, 100, random.Next(1, 255)), HostIn(shape, k), 6, ephemeral, 22),
        6 => new(Me, HostIn(shape, k), 1, 0, 0),
        _ => new(Me, Inside(Subnet16(k), random.Next(1, 65535)), 6, ephemeral, 445),
    };

    private void AddRule(string name, FilterActionType action, List<Filter> filters)
    {
        Document.FilterLists.Add(new FilterList { Name = name + " list", Filters = filters });
        Document.FilterActions.Add(new FilterAction
        {
            Name = name + " action",
            Action = action,
            SecurityMethods = action == FilterActionType.Negotiate ? new List<SecurityMethod>(SecurityMethod.Defaults) : new List<SecurityMethod>(),
        });
        Policy.Rules.Add(new Rule
        {
            Name = name,
            FilterList = name + " list",
            FilterAction = name + " action",
            AuthMethods = [AuthMethod.ForCertificate("CN=Bench Root")],
        });
    }

    private static Filter F(FilterAddress source, FilterAddress destination, FilterProtocol protocol, ushort sourcePort, ushort destinationPort, bool mirrored = true) => new()
    {
        SourceAddress = source,
        DestinationAddress = destination,
        Protocol = protocol,
        SourcePort = sourcePort,
        DestinationPort = destinationPort,
        Mirrored = mirrored,
    };

    private static ushort ServerPort(int k) => (ushort)(1 + (k % 1000));

    // Shape s lives in 10+s.0.0.0/8; k < 2^16 for up to 524,288 written filters.
    private static IPAddress HostIn(int shape, int k) => V4(10 + shape, 0, k >> 8 & 255, k & 255);

    private static IPAddress Subnet24(int shape, int k) => V4(10 + shape, k >> 8 & 255, k & 255, 0);

    private static IPAddress Subnet28(int shape, int k) => V4(10 + shape, k >> 12 & 255, k >> 4 & 255, (k & 15) << 4);

    // Shape 7's /16s start at 32.0.0.0, clear of the other shapes.
    private static IPAddress Subnet16(int k) => V4(32 + (k >> 8), k & 255, 0, 0);

    private static IPAddress Inside(IPAddress network, int offset)
    {
        var bytes = network.GetAddressBytes();
        var value = ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]) + (uint)offset;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }

    private static IPAddress V4(int a, int b, int c, int d) => new([(byte)a, (byte)b, (byte)c, (byte)d]);
}
