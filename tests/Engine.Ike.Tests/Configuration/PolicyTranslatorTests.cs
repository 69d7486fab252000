using System.Net;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Events;
using Engine.Ike.Kernel;
using Engine.Ike.Selectors;
using Engine.Ike.Tests.Exchanges.Support;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Store;
using IpSecPolicy.Model.Values;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;

namespace Engine.Ike.Tests.Configuration;

public sealed class PolicyTranslatorTests
{
    private readonly AuthMethod key = AuthMethod.ForPreSharedKey("from the store");

    [Fact]
    public void Main_mode_settings_come_from_the_policy()
    {
        var translation = Translate("10.0.0.1");

        var mainMode = translation.Policy.MainMode;
        Assert.Equal([new MainModeProposal(IkeEncryptionAlgorithm.AesCbc, 256, IkeHashAlgorithm.Sha2_384, DiffieHellmanGroup.Ecp384), new MainModeProposal(IkeEncryptionAlgorithm.TripleDesCbc, 0, IkeHashAlgorithm.Sha1, DiffieHellmanGroup.Modp1024)], mainMode.Proposals);
        Assert.Equal(TimeSpan.FromMinutes(60), mainMode.Lifetime);
        Assert.Equal(3, mainMode.QuickModeLimit);
        Assert.False(mainMode.MasterKeyPfs);
    }

    [Fact]
    public void Negotiate_filters_become_child_policies_with_the_actions_methods()
    {
        var translation = Translate("10.0.0.1");

        var child = translation.Policy.ChildPolicies.First(c => c.Local.Equals(TrafficSelector.ForHost(IPAddress.Parse("10.0.0.1"))));
        Assert.Equal("secure", child.Name);
        Assert.Equal(TrafficSelector.Any(System.Net.Sockets.AddressFamily.InterNetwork), child.Remote);
        Assert.Equal(IpsecMode.Transport, child.Mode);
        Assert.True(child.Pfs);
        Assert.Equal(new QuickModeProposal(new EspProposal(EspTransformId.AesCbc, 128, IpsecAuthenticationAlgorithm.HmacSha1), null, 1800, 50000), child.Proposals[0]);
        Assert.Equal(new QuickModeProposal(new EspProposal(EspTransformId.AesGcm16, 256, null), new AhProposal(AhTransformId.Sha2_256, IpsecAuthenticationAlgorithm.HmacSha2_256), 3600, 100000), child.Proposals[1]);
        Assert.Equal(new QuickModeProposal(new EspProposal(EspTransformId.Null, 0, IpsecAuthenticationAlgorithm.HmacSha1), null, 3600, 100000), child.Proposals[2]);
        Assert.DoesNotContain(translation.Policy.ChildPolicies, c => c.Name == "icmp");
    }

    [Fact]
    public void Pre_shared_keys_come_from_the_secrets_by_peer_and_missing_ones_are_warned_about()
    {
        var translation = Translate("10.0.0.1");

        Assert.Equal("from the store"u8.ToArray(), translation.Policy.FindPreSharedKey(IPAddress.Parse("198.51.100.7"))!.Key.ToArray());
        Assert.Contains(translation.Warnings, w => w.StartsWith("default response rule", StringComparison.Ordinal));

        var withoutSecret = PolicyTranslator.Translate(Compile("10.0.0.1"), new Dictionary<Guid, string>());
        Assert.Null(withoutSecret.Policy.FindPreSharedKey(IPAddress.Parse("198.51.100.7")));
        Assert.Contains(withoutSecret.Warnings, w => w.Contains("not in the store's secrets", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tunnel_rules_key_is_for_its_endpoint()
    {
        var document = Document(out var policy);
        policy.Rules[0].TunnelEndpoint = IPAddress.Parse("192.0.2.99");
        var translation = PolicyTranslator.Translate(PolicyCompiler.Compile(document, policy, HostContext.ForAddresses("10.0.0.1")), Secrets());

        Assert.NotNull(translation.Policy.FindPreSharedKey(IPAddress.Parse("192.0.2.99")));
        Assert.Null(translation.Policy.FindPreSharedKey(IPAddress.Parse("198.51.100.7")));
        Assert.All(translation.Policy.ChildPolicies, c => Assert.Equal(IpsecMode.Tunnel, c.Mode));
    }

    [Fact]
    public void Two_engines_configured_from_the_model_negotiate_what_the_policy_says()
    {
        var initiator = Translate(TwoPeers.InitiatorAddress.ToString()).Policy;
        var responder = Translate(TwoPeers.ResponderAddress.ToString()).Policy;
        var peers = new TwoPeers(initiator, responder);

        peers.Initiate(QuickModeRequest.ForPacket(initiator.ChildPolicies.First(c => c.Local.Contains(TwoPeers.InitiatorAddress)), TwoPeers.InitiatorAddress, TwoPeers.InitiatorAddress, TwoPeers.ResponderAddress));

        peers.AssertNoFailures();
        Assert.Equal("AesCbc-256/Sha2_384/DH20", Assert.Single(peers.Responder.Events.Of<MainModeEstablishedEvent>()).Proposal);
        var established = Assert.Single(peers.Responder.Events.Of<QuickModeEstablishedEvent>());
        Assert.True(established.PerfectForwardSecrecy);
        Assert.Equal(TimeSpan.FromSeconds(1800), established.Lifetime);
        peers.AssertSasPairUp();
    }

    private PolicyTranslation Translate(string hostAddress) => PolicyTranslator.Translate(Compile(hostAddress), Secrets());

    private Dictionary<Guid, string> Secrets() => new() { [key.Id] = "from the store" };

    private CompiledPolicy Compile(string hostAddress)
    {
        var document = Document(out var policy);
        return PolicyCompiler.Compile(document, policy, HostContext.ForAddresses(hostAddress));
    }

    private StoreDocument Document(out IpSecPolicy.Model.Objects.Policy policy)
    {
        var document = new StoreDocument();
        document.FilterLists.Add(new FilterList { Name = "All IP", Filters = [new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = FilterAddress.Any }] });
        document.FilterLists.Add(new FilterList { Name = "All ICMP", Filters = [new Filter { SourceAddress = FilterAddress.Me, DestinationAddress = FilterAddress.Any, Protocol = FilterProtocol.Icmp }] });
        document.FilterActions.Add(new FilterAction
        {
            Name = "Require",
            Action = FilterActionType.Negotiate,
            SessionKeyPfs = true,
            SecurityMethods = [SecurityMethod.Parse("ESP[AES128,SHA1]:50000k/1800s"), SecurityMethod.Parse("AH[SHA256]+ESP[AESGCM256,None]"), SecurityMethod.Parse("ESP[None,SHA1]")],
        });
        document.FilterActions.Add(new FilterAction { Name = "Permit", Action = FilterActionType.Permit });
        policy = new IpSecPolicy.Model.Objects.Policy
        {
            Name = "P",
            MainModeSecurityMethods = [MainModeMethod.Parse("AES256-SHA384-20"), MainModeMethod.Parse("3DES-SHA1-2")],
            MainModeLifetimeMinutes = 60,
            MainModeQuickModeLimit = 3,
            Rules =
            [
                new Rule { Name = "secure", FilterList = "All IP", FilterAction = "Require", AuthMethods = [key] },
                new Rule { Name = "icmp", FilterList = "All ICMP", FilterAction = "Permit" },
            ],
        };
        document.Policies.Add(policy);
        return document;
    }
}
