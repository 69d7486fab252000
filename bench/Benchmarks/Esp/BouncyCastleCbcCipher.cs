using System;
using Engine.Crypto.Ciphers;
using ICipher = Engine.Crypto.Ciphers.ICipher;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace IpSecPolicy.Benchmarks.Esp;

/// <summary>
/// AES-CBC through BouncyCastle (AES-NI engine where the CPU has it) behind Engine.Crypto's
/// <see cref="ICipher"/>: one mode object per direction, keyed once; each packet only sets its IV.
/// </summary>
public sealed class BouncyCastleCbcCipher : ICipher
{
    private readonly CbcBlockCipher encryptor = new(AesUtilities.CreateEngine());
    private readonly CbcBlockCipher decryptor = new(AesUtilities.CreateEngine());
    private readonly byte[] iv = new byte[16];

    public BouncyCastleCbcCipher(ReadOnlySpan<byte> key)
    {
        var parameter = new KeyParameter(key);
        encryptor.Init(true, new ParametersWithIV(parameter, iv));
        decryptor.Init(false, new ParametersWithIV(parameter, iv));
    }

    public int BlockSize => 16;

    public int IvSize => 16;

    public void Encrypt(ReadOnlySpan<byte> iv, Span<byte> data) => Process(encryptor, true, iv, data);

    public void Decrypt(ReadOnlySpan<byte> iv, Span<byte> data) => Process(decryptor, false, iv, data);

    public void Dispose()
    {
    }

    private void Process(CbcBlockCipher mode, bool forEncryption, ReadOnlySpan<byte> packetIv, Span<byte> data)
    {
        // A null key under ParametersWithIV sets only the IV and keeps the key schedule.
        packetIv.CopyTo(iv);
        mode.Init(forEncryption, new ParametersWithIV(null, iv));
        for (var offset = 0; offset < data.Length; offset += BlockSize)
        {
            var block = data.Slice(offset, BlockSize);
            mode.ProcessBlock(block, block);
        }
    }
}
