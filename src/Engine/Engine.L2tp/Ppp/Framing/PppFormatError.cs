namespace Engine.L2tp.Ppp.Framing;

/// <summary>Why a frame, control packet or option list could not be read. Readers never throw.</summary>
public enum PppFormatError
{
    None,

    /// <summary>The bytes end before the structure does.</summary>
    Truncated,

    /// <summary>0xFF in the address position is not followed by the control byte 0x03.</summary>
    BadAddressControl,

    /// <summary>The protocol field breaks RFC 1661's rule (low octet odd, high octet even).</summary>
    BadProtocolField,

    /// <summary>A control packet's Length is below its 4-byte header.</summary>
    BadLength,

    /// <summary>An option's Length is below its 2-byte header.</summary>
    BadOptionLength,
}
