using System.Security.Cryptography;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Tests.Exchanges.Support;

namespace Engine.Ike.Tests.Exchanges;

/// <summary>IkeEngine.GetIkeSaKeys, the source of the Wireshark ikev1_decryption_table.</summary>
public sealed class IkeSaKeysTests
{
    [Fact]
    public void Both_sides_export_the_same_cookies_and_the_key_that_decrypts_message_5_on_the_wire()
    {
        var peers = new TwoPeers();
        peers.Initiate();

        var initiator = Assert.Single(peers.Initiator.Engine.GetIkeSaKeys());
        var responder = Assert.Single(peers.Responder.Engine.GetIkeSaKeys());

        Assert.Equal((initiator.InitiatorCookie, initiator.ResponderCookie), (responder.InitiatorCookie, responder.ResponderCookie));
        Assert.Equal(initiator.EncryptionKey.ToArray(), responder.EncryptionKey.ToArray());
        Assert.Equal(16, initiator.EncryptionKey.Length);
        Assert.Equal(Policies.Aes128Sha1Ecp256, initiator.Proposal);
        Assert.Equal(Assert.Single(peers.Initiator.Engine.GetMainModeSas()).Id, initiator.Id);

        // RFC 2409 appendix B: the phase 1 IV is hash(g^xi | g^xr); with it and the exported key,
        // message 5 decrypts to the initiator's ID and HASH_I.
        var mainMode = peers.Network.Sent.Where(d => d.Exchange == IsakmpExchangeType.MainMode).ToArray();
        Assert.True(IsakmpMessage.TryParse(mainMode[2].IkeBytes, out var message3));
        Assert.True(IsakmpMessage.TryParse(mainMode[3].IkeBytes, out var message4));
        Assert.True(IsakmpMessage.TryParse(mainMode[4].IkeBytes, out var message5));
        var iv = SHA1.HashData([.. message3!.Find<KeyExchangePayload>()!.Data.Span, .. message4!.Find<KeyExchangePayload>()!.Data.Span])[..16];
        using var aes = Aes.Create();
        aes.Key = initiator.EncryptionKey.ToArray();
        var decrypted = message5!.WithDecryptedBody(aes.DecryptCbc(message5.EncryptedBody.Span, iv, PaddingMode.None));
        Assert.NotNull(decrypted.Find<IdentificationPayload>());
        Assert.NotNull(decrypted.Find<HashPayload>());
    }

    [Fact]
    public void The_keys_are_copies_and_never_in_the_text()
    {
        var peers = new TwoPeers();
        peers.Initiate();

        var keys = Assert.Single(peers.Initiator.Engine.GetIkeSaKeys());
        var hex = Convert.ToHexString(keys.EncryptionKey.Span);

        Assert.DoesNotContain(hex, keys.ToString(), StringComparison.OrdinalIgnoreCase);
        peers.Initiator.Engine.Dispose();
        Assert.NotEqual(new byte[16], keys.EncryptionKey.ToArray());
    }

    [Fact]
    public void An_sa_before_message_3_has_no_keys_to_export()
    {
        var peers = new TwoPeers();
        peers.Network.DropAll(d => d.Source.Address.Equals(TwoPeers.ResponderAddress));

        peers.Initiate();

        Assert.Single(peers.Initiator.Engine.GetMainModeSas());
        Assert.Empty(peers.Initiator.Engine.GetIkeSaKeys());
    }
}
