namespace Engine.Crypto.Registry;

/// <summary>How a proposal's Key Length attribute (bits, 0 when absent) selects a variant.</summary>
internal static class KeyLengths
{
    /// <summary>AES is variable-length: the attribute is required and picks 128, 192 or 256.</summary>
    public static T? Aes<T>(int keyLengthBits, T key128, T key192, T key256)
        where T : class =>
        keyLengthBits switch
        {
            128 => key128,
            192 => key192,
            256 => key256,
            _ => null,
        };

    /// <summary>Fixed-length ciphers need no attribute; one that is present must state the fixed length.</summary>
    public static T? Fixed<T>(int keyLengthBits, int fixedBits, T algorithm)
        where T : class =>
        keyLengthBits == 0 || keyLengthBits == fixedBits ? algorithm : null;
}
