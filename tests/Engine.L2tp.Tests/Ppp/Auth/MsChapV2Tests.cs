using System.Text;
using Engine.L2tp.Ppp.Auth;
using Engine.L2tp.Tests.Ppp.Support;

namespace Engine.L2tp.Tests.Ppp.Auth;

/// <summary>RFC 2759 section 9.2 "Hash Example" and RFC 3079 section 3.5.3 (128-bit keys, same inputs).</summary>
public sealed class MsChapV2Tests
{
    private const string UserName = "User";
    private static readonly byte[] AuthenticatorChallenge = Hex.Bytes("5B5D7C7D7B3F2F3E3C2C602132262628");
    private static readonly byte[] PeerChallenge = Hex.Bytes("21402324255E262A28295F2B3A337C7E");
    private static readonly PppPassword Password = PppPassword.FromString("clientPass");

    [Fact]
    public void ChallengeHash_matches_rfc2759()
    {
        Assert.Equal("D02E4386BCE91226", Hex.Of(MsChapV2.ChallengeHash(PeerChallenge, AuthenticatorChallenge, UserName)));
    }

    [Fact]
    public void NtPasswordHash_matches_rfc2759()
    {
        Assert.Equal("44EBBA8D5312B8D611474411F56989AE", Hex.Of(MsChapV2.NtPasswordHash(Password)));
    }

    [Fact]
    public void HashNtPasswordHash_matches_rfc2759()
    {
        Assert.Equal("41C00C584BD2D91C4017A2A12FA59F3F", Hex.Of(MsChapV2.HashNtPasswordHash(MsChapV2.NtPasswordHash(Password))));
    }

    [Fact]
    public void ChallengeResponse_matches_rfc2759()
    {
        var response = MsChapV2.ChallengeResponse(Hex.Bytes("D02E4386BCE91226"), Hex.Bytes("44EBBA8D5312B8D611474411F56989AE"));
        Assert.Equal("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF", Hex.Of(response));
    }

    [Fact]
    public void GenerateNtResponse_matches_rfc2759()
    {
        var response = MsChapV2.GenerateNtResponse(AuthenticatorChallenge, PeerChallenge, UserName, Password);
        Assert.Equal("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF", Hex.Of(response));
    }

    [Fact]
    public void GenerateAuthenticatorResponse_matches_rfc2759()
    {
        var ntResponse = Hex.Bytes("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
        var response = MsChapV2.GenerateAuthenticatorResponse(Password, ntResponse, PeerChallenge, AuthenticatorChallenge, UserName);
        Assert.Equal("S=407A5589115FD0D6209F510FE9C04566932CDA56", response);
        Assert.True(MsChapV2.CheckAuthenticatorResponse(response, "S=407A5589115FD0D6209F510FE9C04566932CDA56 M=hello"));
        Assert.False(MsChapV2.CheckAuthenticatorResponse(response, "S=407A5589115FD0D6209F510FE9C04566932CDA57"));
        Assert.False(MsChapV2.CheckAuthenticatorResponse(response, "S=407A"));
    }

    [Fact]
    public void A_domain_prefix_is_not_part_of_the_challenge_hash()
    {
        Assert.Equal(
            MsChapV2.ChallengeHash(PeerChallenge, AuthenticatorChallenge, UserName),
            MsChapV2.ChallengeHash(PeerChallenge, AuthenticatorChallenge, @"CONTOSO\User"));
    }

    [Fact]
    public void Weak_des_keys_from_a_password_hash_are_used_as_they_are()
    {
        // An all-zero third DES key (hash bytes 14 and 15 zero) is a DES weak key; .NET's DES would
        // refuse it, RFC 2759 does not care.
        var hash = new byte[16];
        var response = MsChapV2.ChallengeResponse(Hex.Bytes("D02E4386BCE91226"), hash);
        Assert.Equal(24, response.Length);
        Assert.Equal(response[..8], response[16..24]);
    }

    [Fact]
    public void Mppe_master_key_matches_rfc3079()
    {
        var passwordHashHash = Hex.Bytes("41C00C584BD2D91C4017A2A12FA59F3F");
        var ntResponse = Hex.Bytes("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
        Assert.Equal("FDECE3717A8C838CB388E527AE3CDD31", Hex.Of(MppeKeys.GetMasterKey(passwordHashHash, ntResponse)));
    }

    [Fact]
    public void Mppe_start_keys_match_rfc3079()
    {
        var master = Hex.Bytes("FDECE3717A8C838CB388E527AE3CDD31");
        // RFC 3079 3.5.3 prints SendStartKey128 from the server's side (IsSend, IsServer): Magic3,
        // which is also the client's receive key.
        Assert.Equal("8B7CDC149B993A1BA118CB153F56DCCB", Hex.Of(MppeKeys.GetAsymmetricStartKey(master, 16, isSend: true, isServer: true)));
        Assert.Equal("8B7CDC149B993A1BA118CB153F56DCCB", Hex.Of(MppeKeys.GetAsymmetricStartKey(master, 16, isSend: false, isServer: false)));
        Assert.Equal(
            Hex.Of(MppeKeys.GetAsymmetricStartKey(master, 16, isSend: true, isServer: false)),
            Hex.Of(MppeKeys.GetAsymmetricStartKey(master, 16, isSend: false, isServer: true)));
        // RFC 3079 3.5.1/3.5.2 (40 and 56 bit) start from the first 8 bytes of the same key.
        Assert.Equal("8B7CDC149B993A1B", Hex.Of(MppeKeys.GetAsymmetricStartKey(master, 8, isSend: true, isServer: true)));
    }

    [Fact]
    public void Password_never_prints()
    {
        Assert.DoesNotContain("clientPass", Password.ToString());
        Assert.DoesNotContain("clientPass", $"{Password}");
    }
}
