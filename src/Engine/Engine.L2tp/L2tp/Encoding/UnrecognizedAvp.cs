using System;

namespace Engine.L2tp.L2tp.Encoding;

/// <summary>
/// An AVP this implementation does not know (another vendor's, an unassigned IETF type, or one
/// with reserved flag bits set, which section 4.1 says to treat as unrecognized). Without the M
/// bit it is skipped and remembered here; with it the message is refused.
/// </summary>
public sealed record UnrecognizedAvp(ushort VendorId, ushort AttributeType, bool Mandatory, bool Hidden, int ValueLength);
