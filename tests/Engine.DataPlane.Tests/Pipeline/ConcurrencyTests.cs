using System.Threading;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Tests.Support;

namespace Engine.DataPlane.Tests.Pipeline;

/// <summary>Several loops on one SA, and SAs deleted under traffic: nothing throws, nothing is lost that should arrive.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public void Two_tun_queues_seal_through_one_sa_concurrently()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Threads = true, ReplayWindowSize = 4096, Transform = TestTransforms.AesCbc128Sha1 });
        var secondQueue = new FakeTunDevice("a-tun-1");
        scenario.A.Plane.AttachTun(secondQueue);
        const int PerQueue = 2000;
        for (var i = 0; i < PerQueue; i++)
        {
            scenario.A.Tun.Inject(scenario.A.PacketToPeer(64, (byte)i));
            secondQueue.Inject(scenario.A.PacketToPeer(65, (byte)i));
        }

        var received = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (received < 2 * PerQueue && DateTime.UtcNow < deadline)
        {
            scenario.B.Tun.WaitForWritten(TimeSpan.FromSeconds(30));
            received++;
        }

        Assert.Equal(2 * PerQueue, received);
        Assert.Equal(2 * PerQueue, scenario.A.Outbound!.Counters.Packets);
        Assert.Equal((ulong)(2 * PerQueue), scenario.A.Outbound.LastSequenceNumber);
        Assert.Equal(0, scenario.B.Statistics.PacketsWithReplayDetected);
        Assert.Null(scenario.A.Plane.LastInternalError);
        Assert.Null(scenario.B.Plane.LastInternalError);
    }

    [Fact]
    public void Deleting_and_adding_sas_under_traffic_is_safe()
    {
        using var scenario = BackToBack.Create(new ScenarioOptions { Threads = true, Transform = TestTransforms.AesGcm128 });
        using var stop = new CancellationTokenSource();
        var feeder = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (scenario.A.Tun.PendingReads < 64)
                {
                    scenario.A.Tun.Inject(scenario.A.PacketToPeer(100));
                }
                else
                {
                    Thread.Yield();
                }
            }
        });
        feeder.Start();

        uint spi = 0x7000_0000;
        for (var round = 0; round < 200; round++)
        {
            var inbound = scenario.B.Plane.AddSa(WithSpi(scenario.SpecBInbound, ++spi));
            var outbound = scenario.A.Plane.AddSa(WithSpi(scenario.SpecAOutbound, spi));
            Thread.Sleep(1);
            scenario.A.Plane.DeleteSa(outbound);
            scenario.B.Plane.DeleteSa(inbound);
        }

        stop.Cancel();
        feeder.Join();

        Assert.Null(scenario.A.Plane.LastInternalError);
        Assert.Null(scenario.B.Plane.LastInternalError);
        Assert.Equal(0, scenario.B.Statistics.PacketsNotAuthenticated);
        Assert.True(scenario.A.Statistics.PacketsSent > 0);
    }

    private static SaSpecification WithSpi(SaSpecification specification, uint spi) => new()
    {
        Spi = spi, Direction = specification.Direction, Protocol = specification.Protocol, Mode = specification.Mode,
        LocalAddress = specification.LocalAddress, PeerAddress = specification.PeerAddress, Encapsulation = specification.Encapsulation,
        PeerPort = specification.PeerPort, Cipher = specification.Cipher, Aead = specification.Aead, Integrity = specification.Integrity,
        EncryptionKey = specification.EncryptionKey, IntegrityKey = specification.IntegrityKey, Selector = specification.Selector,
        ReqId = specification.ReqId,
    };
}
