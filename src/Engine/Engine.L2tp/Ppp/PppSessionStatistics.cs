namespace Engine.L2tp.Ppp;

/// <summary>IP traffic through a session (Get-VpnSession's bytes and packets each way).</summary>
public readonly record struct PppSessionStatistics(
    long PacketsReceived,
    long BytesReceived,
    long PacketsSent,
    long BytesSent,
    long FramesDiscarded);
