using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>Result codes of a StopCCN (RFC 2661 section 4.4.2).</summary>
public enum StopCcnResultCode : ushort
{
    /// <summary>General request to clear control connection.</summary>
    GeneralRequest = 1,

    /// <summary>General error; the error code indicates the problem.</summary>
    GeneralError = 2,

    /// <summary>Control channel already exists.</summary>
    ControlChannelExists = 3,

    /// <summary>Requester is not authorized to establish a control channel.</summary>
    NotAuthorized = 4,

    /// <summary>The requester's protocol version is not supported; the error code carries the highest version supported.</summary>
    UnsupportedVersion = 5,

    /// <summary>Requester is being shut down.</summary>
    ShuttingDown = 6,

    /// <summary>Finite state machine error.</summary>
    StateMachineError = 7,
}
