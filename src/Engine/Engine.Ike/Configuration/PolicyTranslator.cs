using System.Net.Sockets;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Selectors;
using IpSecPolicy.Model.Compiler;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Values;
using DiffieHellmanGroup = Engine.Crypto.KeyExchange.DiffieHellmanGroup;
using ModelIntegrity = IpSecPolicy.Model.Values.IntegrityAlgorithm;

namespace Engine.Ike.Configuration;

/// <summary>
/// Turns the assigned policy, compiled against the host's addresses, into what IKE negotiates:
/// main mode methods, lifetime, quick mode limit and master key PFS from the policy; one child
/// policy per effective negotiate filter (most specific first, the compiler's order) with the
/// filter action's security methods and session key PFS; pre-shared keys by peer address (a
/// tunnel rule's endpoint, else the filter's remote side) from the store's secrets; the default
/// response rule. Rules that authenticate only with Kerberos or certificates are kept for their
/// filters but warned about: this engine authenticates with pre-shared keys.
/// </summary>
public static class PolicyTranslator
{
    public static PolicyTranslation Translate(CompiledPolicy compiled, IReadOnlyDictionary<Guid, string> preSharedKeys)
    {
        var policy = compiled.Policy;
        var warnings = new List<string>();
        var children = new List<ChildPolicy>();
        var keys = new List<PreSharedKeyEntry>();
        var warnedRules = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var filter in compiled.Filters.Where(f => f.Action == FilterActionType.Negotiate))
        {
            children.Add(new ChildPolicy
            {
                Name = filter.Rule,
                Local = Selector(filter.Source, filter.Protocol, filter.SourcePort),
                Remote = Selector(filter.Destination, filter.Protocol, filter.DestinationPort),
                TunnelPeer = filter.TunnelEndpoint,
                Proposals = filter.SecurityMethods.Select(QuickMode).ToArray(),
                Pfs = filter.SessionKeyPfs,
            });

            var peers = filter.TunnelEndpoint is { } endpoint ? TrafficSelector.ForHost(endpoint) : Selector(filter.Destination, 0, 0);
            var key = KeyOf(filter.AuthMethods, preSharedKeys, out var problem);
            if (key is not null)
            {
                if (!keys.Any(entry => entry.Peers.Equals(peers)))
                {
                    keys.Add(PreSharedKeyEntry.FromText(peers, key));
                }
            }
            else if (warnedRules.Add(filter.Rule))
            {
                warnings.Add($"rule '{filter.Rule}': {problem}");
            }
        }

        DefaultResponsePolicy? defaultResponse = null;
        var responseRule = policy.DefaultResponseRule;
        if (responseRule.Active)
        {
            defaultResponse = new DefaultResponsePolicy
            {
                Proposals = responseRule.SecurityMethods.Select(QuickMode).ToArray(),
                Pfs = responseRule.SessionKeyPfs,
            };
            var key = KeyOf(responseRule.AuthMethods, preSharedKeys, out var problem);
            if (key is not null)
            {
                keys.Add(PreSharedKeyEntry.FromText(TrafficSelector.Any(AddressFamily.InterNetwork), key));
                keys.Add(PreSharedKeyEntry.FromText(TrafficSelector.Any(AddressFamily.InterNetworkV6), key));
            }
            else
            {
                warnings.Add($"default response rule: {problem}; it answers only peers another rule has a key for");
            }
        }

        var ikePolicy = new IkePolicy
        {
            Name = policy.Name,
            MainMode = new MainModePolicy
            {
                Proposals = policy.MainModeSecurityMethods.Select(MainMode).ToArray(),
                Lifetime = TimeSpan.FromMinutes(policy.MainModeLifetimeMinutes),
                QuickModeLimit = policy.MainModeQuickModeLimit,
                MasterKeyPfs = policy.MainModePfs,
            },
            PreSharedKeys = keys,
            ChildPolicies = children,
            DefaultResponse = defaultResponse,
        };
        return new PolicyTranslation(ikePolicy, warnings);
    }

    public static MainModeProposal MainMode(MainModeMethod method)
    {
        var (encryption, bits) = method.Encryption switch
        {
            EncryptionAlgorithm.DES => (IkeEncryptionAlgorithm.DesCbc, (ushort)0),
            EncryptionAlgorithm.TripleDES => (IkeEncryptionAlgorithm.TripleDesCbc, (ushort)0),
            EncryptionAlgorithm.AES128 => (IkeEncryptionAlgorithm.AesCbc, (ushort)128),
            EncryptionAlgorithm.AES192 => (IkeEncryptionAlgorithm.AesCbc, (ushort)192),
            EncryptionAlgorithm.AES256 => (IkeEncryptionAlgorithm.AesCbc, (ushort)256),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a main mode cipher"),
        };
        var hash = method.Hash switch
        {
            ModelIntegrity.MD5 => IkeHashAlgorithm.Md5,
            ModelIntegrity.SHA1 => IkeHashAlgorithm.Sha1,
            ModelIntegrity.SHA256 => IkeHashAlgorithm.Sha2_256,
            ModelIntegrity.SHA384 => IkeHashAlgorithm.Sha2_384,
            ModelIntegrity.SHA512 => IkeHashAlgorithm.Sha2_512,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a main mode hash"),
        };
        return new MainModeProposal(encryption, bits, hash, (DiffieHellmanGroup)(int)method.DHGroup);
    }

    public static QuickModeProposal QuickMode(SecurityMethod method)
    {
        var seconds = (uint)Math.Clamp(method.LifetimeSeconds, 0, int.MaxValue);
        var kilobytes = (uint)Math.Clamp(method.LifetimeKilobytes, 0, uint.MaxValue);
        return method.Protocol switch
        {
            SecurityProtocol.Ah => new QuickModeProposal(null, Ah(method.Integrity), seconds, kilobytes),
            SecurityProtocol.AhAndEsp => new QuickModeProposal(Esp(method), Ah(method.AhIntegrity), seconds, kilobytes),
            _ => new QuickModeProposal(Esp(method), null, seconds, kilobytes),
        };
    }

    private static EspProposal Esp(SecurityMethod method)
    {
        var (transform, bits) = method.Encryption switch
        {
            EncryptionAlgorithm.None => (EspTransformId.Null, (ushort)0),
            EncryptionAlgorithm.DES => (EspTransformId.Des, (ushort)0),
            EncryptionAlgorithm.TripleDES => (EspTransformId.TripleDes, (ushort)0),
            EncryptionAlgorithm.AES128 => (EspTransformId.AesCbc, (ushort)128),
            EncryptionAlgorithm.AES192 => (EspTransformId.AesCbc, (ushort)192),
            EncryptionAlgorithm.AES256 => (EspTransformId.AesCbc, (ushort)256),
            EncryptionAlgorithm.AESGCM128 => (EspTransformId.AesGcm16, (ushort)128),
            EncryptionAlgorithm.AESGCM256 => (EspTransformId.AesGcm16, (ushort)256),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not an ESP cipher"),
        };
        return new EspProposal(transform, bits, method.Integrity == ModelIntegrity.None ? null : Authentication(method.Integrity));
    }

    private static AhProposal Ah(ModelIntegrity integrity)
    {
        var transform = integrity switch
        {
            ModelIntegrity.MD5 => AhTransformId.Md5,
            ModelIntegrity.SHA1 => AhTransformId.Sha1,
            ModelIntegrity.SHA256 => AhTransformId.Sha2_256,
            ModelIntegrity.SHA384 => AhTransformId.Sha2_384,
            ModelIntegrity.SHA512 => AhTransformId.Sha2_512,
            _ => throw new ArgumentOutOfRangeException(nameof(integrity), integrity, "AH needs an HMAC"),
        };
        return new AhProposal(transform, Authentication(integrity));
    }

    private static IpsecAuthenticationAlgorithm Authentication(ModelIntegrity integrity) => integrity switch
    {
        ModelIntegrity.MD5 => IpsecAuthenticationAlgorithm.HmacMd5,
        ModelIntegrity.SHA1 => IpsecAuthenticationAlgorithm.HmacSha1,
        ModelIntegrity.SHA256 => IpsecAuthenticationAlgorithm.HmacSha2_256,
        ModelIntegrity.SHA384 => IpsecAuthenticationAlgorithm.HmacSha2_384,
        ModelIntegrity.SHA512 => IpsecAuthenticationAlgorithm.HmacSha2_512,
        _ => throw new ArgumentOutOfRangeException(nameof(integrity), integrity, "not an HMAC"),
    };

    private static TrafficSelector Selector(AddressBlock block, byte protocol, ushort port) =>
        TrafficSelector.ForRange(block.First, block.Last, protocol, port);

    /// <summary>The first pre-shared key method of a rule, with its secret from the store.</summary>
    private static string? KeyOf(IEnumerable<AuthMethod> methods, IReadOnlyDictionary<Guid, string> secrets, out string problem)
    {
        var method = methods.FirstOrDefault(m => m.Kind == AuthMethodKind.PreSharedKey);
        if (method is null)
        {
            problem = "no pre-shared key method (this engine authenticates with pre-shared keys only)";
            return null;
        }

        if (!secrets.TryGetValue(method.Id, out var key) || string.IsNullOrEmpty(key))
        {
            problem = $"the pre-shared key of auth method {method.Id} is not in the store's secrets";
            return null;
        }

        problem = string.Empty;
        return key;
    }
}
