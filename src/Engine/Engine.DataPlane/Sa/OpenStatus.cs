namespace Engine.DataPlane.Sa;

/// <summary>The outcome of opening (verifying and decrypting) one inbound ESP or AH packet.</summary>
internal enum OpenStatus
{
    /// <summary>Authentic, new, decrypted, padding right.</summary>
    Opened,

    /// <summary>Too short, or lengths that cannot be (ciphertext not a whole number of blocks, AH length field).</summary>
    Malformed,

    /// <summary>The anti-replay window refused the sequence number.</summary>
    Replayed,

    /// <summary>The ICV or AEAD tag did not verify.</summary>
    AuthenticationFailed,

    /// <summary>Authentic, but the ESP padding is not 1, 2, 3, ... or its length overruns the payload.</summary>
    BadPadding,

    /// <summary>A packet this data plane cannot verify (IPv4 options under AH).</summary>
    Unsupported,
}
