using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Engine.DataPlane.Pipeline;
using Engine.Ike.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>
/// Several in-process engines (<see cref="IpsecStack"/>) on one <see cref="VirtualNetwork"/> and
/// one fake clock: wireguard-go's "two engines ping" for the whole engine, from the policy model
/// down to ESP. <see cref="Pump"/> runs until the wire, the packet loops and the work queues are
/// all quiet; <see cref="Advance"/> lets time pass in steps, pumping after each.
/// </summary>
internal sealed class IpsecLab : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IpsecStack> hosts = [];

    public FakeTimeProvider Clock { get; } = new(Start);

    public VirtualNetwork Network { get; } = new();

    public IpsecStack AddHost(string name, string[] addresses, IkeEngineOptions? ikeOptions = null, DataPlaneOptions? dataPlaneOptions = null)
    {
        var host = new IpsecStack(name, Network, Clock, addresses.Select(IPAddress.Parse).ToList(), ikeOptions, dataPlaneOptions);
        hosts.Add(host);
        return host;
    }

    /// <summary>Moves everything until nothing is left to move anywhere.</summary>
    public void Pump()
    {
        for (var round = 0; ; round++)
        {
            if (round > 100_000)
            {
                throw new InvalidOperationException("the engines do not stop talking");
            }

            var any = Network.Deliver(limit: 1) > 0;
            foreach (var host in hosts)
            {
                any |= host.Pump();
            }

            foreach (var host in hosts)
            {
                any |= host.Flush();
            }

            if (!any)
            {
                return;
            }
        }
    }

    /// <summary>Lets <paramref name="time"/> pass in steps of <paramref name="step"/> (default 1 s), pumping after each.</summary>
    public void Advance(TimeSpan time, TimeSpan? step = null)
    {
        var increment = step ?? TimeSpan.FromSeconds(1);
        var end = Clock.GetUtcNow() + time;
        while (Clock.GetUtcNow() < end)
        {
            var left = end - Clock.GetUtcNow();
            Clock.Advance(left < increment ? left : increment);
            Pump();
        }
    }

    /// <summary>Every host ran without a failed work item or a data plane bug.</summary>
    public void AssertHealthy()
    {
        foreach (var host in hosts)
        {
            Assert.Empty(host.Errors);
            Assert.Null(host.DataPlane.LastInternalError);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }
}
