using System;
using System.Buffers;

namespace Engine.Crypto.Prf;

/// <summary>Conveniences for the IKE side, where a fresh array per result is fine.</summary>
public static class PrfExtensions
{
    /// <summary>prf(key, message) as a new array of <see cref="IPrf.OutputSize"/> bytes.</summary>
    public static byte[] Compute(this IPrf prf, ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        var output = new byte[prf.OutputSize];
        prf.Compute(key, message, output);
        return output;
    }

    /// <summary>
    /// prf(key, message) over a message assembled in <paramref name="message"/>, which is wiped
    /// afterwards because IKE's PRF inputs carry g^xy and keys.
    /// </summary>
    public static byte[] Compute(this IPrf prf, ReadOnlySpan<byte> key, ArrayBufferWriter<byte> message)
    {
        try
        {
            return prf.Compute(key, message.WrittenSpan);
        }
        finally
        {
            message.Clear();
        }
    }
}
