using Engine.L2tp.Ppp.Framing;

namespace Engine.L2tp.Tests.Ppp.Tshark;

/// <summary>tshark decodes every frame the sessions sent as L2TP/PPP with no malformed packet and no expert warning.</summary>
public sealed class CaptureTests : IClassFixture<PppCapture>
{
    private readonly PppCapture capture;

    public CaptureTests(PppCapture capture)
    {
        this.capture = capture;
    }

    [Fact]
    public void Every_frame_is_dissected()
    {
        Assert.Equal(capture.Frames.Count, capture.Dissected.Count);
    }

    [Fact]
    public void No_frame_is_malformed_or_raises_an_expert_warning()
    {
        var problems = capture.Dissected
            .Select((frame, index) => (index, frame, problems: frame.ExpertProblems().ToList()))
            .Where(item => item.frame.IsMalformed || item.problems.Count > 0)
            .Select(item => $"frame {item.index + 1} ({item.frame}): {string.Join("; ", item.problems)} {capture.Frames[item.index]}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Each_frame_is_decoded_as_the_protocol_it_carries()
    {
        for (var i = 0; i < capture.Frames.Count; i++)
        {
            var expected = (PppProtocol)capture.Frames[i].Protocol switch
            {
                PppProtocol.Lcp => "lcp",
                PppProtocol.Pap => "pap",
                PppProtocol.Chap => "chap",
                PppProtocol.Ipcp => "ipcp",
                PppProtocol.Ipv6cp => "ipv6cp",
                PppProtocol.Ipv4 => "ip",
                PppProtocol.Ipv6 => "ipv6",
                var other => throw new InvalidOperationException($"unexpected protocol {other}"),
            };
            Assert.Contains("l2tp", capture.Dissected[i].Protocols);
            Assert.True(capture.Dissected[i].Protocols.Contains(expected), $"frame {i + 1}: expected {expected}, got {capture.Dissected[i]}");
        }
    }

    [Fact]
    public void The_capture_covers_every_protocol_and_the_lcp_extras()
    {
        var protocols = capture.Frames.Select(frame => (PppProtocol)frame.Protocol).ToHashSet();
        Assert.Superset(new HashSet<PppProtocol> { PppProtocol.Lcp, PppProtocol.Pap, PppProtocol.Chap, PppProtocol.Ipcp, PppProtocol.Ipv6cp, PppProtocol.Ipv4, PppProtocol.Ipv6 }, protocols);
        Assert.Contains(capture.Frames, frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.EchoRequest));
        Assert.Contains(capture.Frames, frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.EchoReply));
        Assert.Contains(capture.Frames, frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.ProtocolReject));
        Assert.Contains(capture.Frames, frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.TerminateRequest));
        Assert.Contains(capture.Frames, frame => frame.Is(PppProtocol.Lcp, (byte)PppControlCode.TerminateAck));
        Assert.Contains(capture.Frames, frame => frame.Bytes[0] != 0xFF);
    }
}
