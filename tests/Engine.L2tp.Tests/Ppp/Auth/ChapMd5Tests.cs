using System.Text;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Tests.Ppp.Support;

namespace Engine.L2tp.Tests.Ppp.Auth;

public sealed class ChapMd5Tests
{
    [Fact]
    public void Response_is_md5_of_identifier_secret_and_challenge()
    {
        // Independent value: python3 -c "import hashlib; print(hashlib.md5(bytes([0x2a]) + b'secret' +
        //   bytes.fromhex('000102030405060708090a0b0c0d0e0f')).hexdigest())"
        var response = ChapMd5.ComputeResponse(0x2A, PppPassword.FromString("secret"), Hex.Bytes("000102030405060708090A0B0C0D0E0F"));
        Assert.Equal("03dc98c5a832692b49df73cf48fcb4e9", Hex.Of(response).ToLowerInvariant());
    }
}
