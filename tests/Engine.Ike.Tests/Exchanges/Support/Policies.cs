using System.Net;
using Engine.Ike.Configuration;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Selectors;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;

namespace Engine.Ike.Tests.Exchanges.Support;

/// <summary>Policies for the exchange tests, built directly (the translator from the model has its own tests).</summary>
public static class Policies
{
    public const string Key = "correct horse battery staple";

    public static MainModeProposal Aes128Sha1Ecp256 { get; } = MainMode(IkeEncryptionAlgorithm.AesCbc, 128, IkeHashAlgorithm.Sha1, DiffieHellmanGroup.Ecp256);

    public static QuickModeProposal EspAes128Sha1 { get; } = Esp(EspTransformId.AesCbc, 128, IpsecAuthenticationAlgorithm.HmacSha1);

    public static MainModeProposal MainMode(IkeEncryptionAlgorithm encryption, ushort bits, IkeHashAlgorithm hash, DiffieHellmanGroup group) =>
        new(encryption, bits, hash, group);

    public static QuickModeProposal Esp(EspTransformId transform, ushort bits, IpsecAuthenticationAlgorithm? integrity, uint seconds = 3600, uint kilobytes = 100000) =>
        new(new EspProposal(transform, bits, integrity), null, seconds, kilobytes);

    public static QuickModeProposal Ah(AhTransformId transform, IpsecAuthenticationAlgorithm integrity, uint seconds = 3600, uint kilobytes = 100000) =>
        new(null, new AhProposal(transform, integrity), seconds, kilobytes);

    /// <summary>
    /// A host-to-host transport policy from <paramref name="local"/> to <paramref name="remote"/>
    /// (or the given selectors), with a pre-shared key for the remote host.
    /// </summary>
    public static IkePolicy Transport(
        IPAddress local,
        IPAddress remote,
        IReadOnlyList<MainModeProposal>? mainMode = null,
        IReadOnlyList<QuickModeProposal>? quickMode = null,
        bool pfs = false,
        DiffieHellmanGroup? pfsGroup = null,
        string key = Key,
        int quickModeLimit = 0,
        bool masterKeyPfs = false,
        TimeSpan? mainModeLifetime = null,
        TrafficSelector? localTraffic = null,
        TrafficSelector? remoteTraffic = null,
        DefaultResponsePolicy? defaultResponse = null) =>
        new()
        {
            Name = $"transport {local} <-> {remote}",
            MainMode = new MainModePolicy
            {
                Proposals = mainMode ?? [Aes128Sha1Ecp256],
                Lifetime = mainModeLifetime ?? TimeSpan.FromHours(8),
                QuickModeLimit = quickModeLimit,
                MasterKeyPfs = masterKeyPfs,
            },
            PreSharedKeys = [PreSharedKeyEntry.FromText(TrafficSelector.ForHost(remote), key)],
            ChildPolicies =
            [
                new ChildPolicy
                {
                    Name = "secure hosts",
                    Local = localTraffic ?? TrafficSelector.ForHost(local),
                    Remote = remoteTraffic ?? TrafficSelector.ForHost(remote),
                    Proposals = quickMode ?? [EspAes128Sha1],
                    Pfs = pfs,
                    PfsGroup = pfsGroup,
                },
            ],
            DefaultResponse = defaultResponse,
        };

    /// <summary>A tunnel between two gateways protecting two subnets (or ranges).</summary>
    public static IkePolicy Tunnel(
        IPAddress localGateway,
        IPAddress remoteGateway,
        TrafficSelector localTraffic,
        TrafficSelector remoteTraffic,
        IReadOnlyList<QuickModeProposal>? quickMode = null,
        bool pfs = false) =>
        new()
        {
            Name = $"tunnel {localGateway} <-> {remoteGateway}",
            MainMode = new MainModePolicy { Proposals = [Aes128Sha1Ecp256] },
            PreSharedKeys = [PreSharedKeyEntry.FromText(TrafficSelector.ForHost(remoteGateway), Key)],
            ChildPolicies =
            [
                new ChildPolicy
                {
                    Name = "site to site",
                    Local = localTraffic,
                    Remote = remoteTraffic,
                    TunnelPeer = remoteGateway,
                    Proposals = quickMode ?? [EspAes128Sha1],
                    Pfs = pfs,
                },
            ],
        };
}
