namespace Interop.Matrix;

/// <summary>
/// One line of docs/interop.md's matrix: a peer, what was negotiated, through what, who started it,
/// and what happened. <see cref="Key"/> orders the matrix (the same whatever order the tests ran in).
/// </summary>
internal sealed record MatrixRow
{
    public required string Key { get; init; }

    /// <summary>"strongSwan 5.9.8", "libreswan 4.10".</summary>
    public required string Peer { get; init; }

    /// <summary>What the row proves, in a few words ("host-to-host tunnel", "wrong pre-shared key").</summary>
    public required string Scenario { get; init; }

    /// <summary>"IKEv1 main mode PSK, tunnel".</summary>
    public string Mode { get; init; } = "IKEv1 main mode PSK, tunnel";

    /// <summary>Main mode and quick mode proposals as the module writes them (AES128-SHA1-14 / ESP[AES128,SHA1]).</summary>
    public required string Proposal { get; init; }

    public string Nat { get; init; } = "none";

    /// <summary>"engine" or the peer's name.</summary>
    public required string Initiator { get; init; }

    /// <summary>What the run observed ("pass: ...", "FAIL: ...").</summary>
    public string Result { get; init; } = string.Empty;

    public double Seconds { get; init; }
}
