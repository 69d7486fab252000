using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// The Call Errors AVP a LAC reports in a WAN-Error-Notify (RFC 2661 section 4.4.6): two
/// reserved octets, then six 32-bit counters since the call was established.
/// </summary>
public sealed record CallErrors(uint CrcErrors, uint FramingErrors, uint HardwareOverruns, uint BufferOverruns, uint TimeoutErrors, uint AlignmentErrors);
