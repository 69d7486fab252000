using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Values;

/// <summary>
/// A quick mode (IKE phase 2) security method, as netsh writes it:
/// <c>ESP[AES256,SHA256]:100000k/3600s</c>, <c>AH[SHA1]</c>, <c>AH[SHA1]+ESP[3DES,None]</c>.
/// For ESP, <see cref="Integrity"/> is ESP's; for AH it is AH's; for AH+ESP,
/// <see cref="AhIntegrity"/> is AH's and <see cref="Integrity"/> ESP's (which may be None).
/// </summary>
public sealed class SecurityMethod : IEquatable<SecurityMethod>
{
    /// <summary>Windows' quick mode rekey limits (IP Security Policy snap-in).</summary>
    public const long MinLifetimeKilobytes = 20480;
    public const long MaxLifetimeKilobytes = 2147483647;
    public const int MinLifetimeSeconds = 300;
    public const int MaxLifetimeSeconds = 172800;
    public const long DefaultLifetimeKilobytes = 100000;
    public const int DefaultLifetimeSeconds = 3600;

    private static readonly Regex Part = new(@"^(?<p>ESP|AH)\[(?<a>[^\]]*)\]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Lifetime = new(@"^(?:(?<k>\d+)k)?(?:/?(?<s>\d+)s)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public SecurityMethod(
        SecurityProtocol protocol,
        EncryptionAlgorithm encryption,
        IntegrityAlgorithm integrity,
        IntegrityAlgorithm ahIntegrity = IntegrityAlgorithm.None,
        long lifetimeKilobytes = DefaultLifetimeKilobytes,
        int lifetimeSeconds = DefaultLifetimeSeconds)
    {
        Protocol = protocol;
        Encryption = encryption;
        Integrity = integrity;
        AhIntegrity = protocol == SecurityProtocol.AhAndEsp ? ahIntegrity : IntegrityAlgorithm.None;
        LifetimeKilobytes = lifetimeKilobytes;
        LifetimeSeconds = lifetimeSeconds;
        Check();
    }

    public SecurityProtocol Protocol { get; }

    public EncryptionAlgorithm Encryption { get; }

    public IntegrityAlgorithm Integrity { get; }

    public IntegrityAlgorithm AhIntegrity { get; }

    public long LifetimeKilobytes { get; }

    public int LifetimeSeconds { get; }

    public bool IsAead => Encryption is EncryptionAlgorithm.AESGCM128 or EncryptionAlgorithm.AESGCM256;

    public bool IsWeak => Encryption == EncryptionAlgorithm.DES || Integrity == IntegrityAlgorithm.MD5 || AhIntegrity == IntegrityAlgorithm.MD5;

    /// <summary>What a new Negotiate filter action offers when none are given.</summary>
    public static IReadOnlyList<SecurityMethod> Defaults { get; } = new[]
    {
        new SecurityMethod(SecurityProtocol.Esp, EncryptionAlgorithm.AES256, IntegrityAlgorithm.SHA256),
        new SecurityMethod(SecurityProtocol.Esp, EncryptionAlgorithm.AES128, IntegrityAlgorithm.SHA1),
        new SecurityMethod(SecurityProtocol.Esp, EncryptionAlgorithm.TripleDES, IntegrityAlgorithm.SHA1),
    };

    public SecurityMethod WithLifetime(long kilobytes, int seconds) =>
        new(Protocol, Encryption, Integrity, AhIntegrity, kilobytes, seconds);

    /// <summary>Parses the netsh form; the lifetime suffix is optional.</summary>
    public static SecurityMethod Parse(string text)
    {
        text ??= string.Empty;
        var value = text.Trim().Replace(" ", string.Empty);
        long kilobytes = DefaultLifetimeKilobytes;
        var seconds = DefaultLifetimeSeconds;
        var colon = value.IndexOf(':');
        if (colon >= 0)
        {
            var life = Lifetime.Match(value.Substring(colon + 1));
            if (!life.Success || colon == value.Length - 1)
            {
                throw Invalid($"'{text}': the lifetime must read like 100000k/3600s.", text);
            }

            if (life.Groups["k"].Success && !long.TryParse(life.Groups["k"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out kilobytes))
            {
                throw Invalid($"'{text}': the kilobyte lifetime is too large.", text, ErrorIds.InvalidLifetime);
            }

            if (life.Groups["s"].Success && !int.TryParse(life.Groups["s"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
            {
                throw Invalid($"'{text}': the lifetime in seconds is too large.", text, ErrorIds.InvalidLifetime);
            }

            value = value.Substring(0, colon);
        }

        var parts = value.Split('+');
        if (parts.Length == 2)
        {
            var ah = ParsePart(parts[0], text);
            var esp = ParsePart(parts[1], text);
            if (ah.Protocol != "AH" || esp.Protocol != "ESP")
            {
                throw Invalid($"'{text}': a combined method is written AH[hash]+ESP[cipher,hash].", text);
            }

            return new SecurityMethod(SecurityProtocol.AhAndEsp, esp.Encryption, esp.Integrity, ah.Integrity, kilobytes, seconds);
        }

        if (parts.Length != 1)
        {
            throw Invalid($"'{text}' is not a security method. Write e.g. ESP[AES256,SHA256]:100000k/3600s or AH[SHA1]+ESP[3DES,SHA1].", text);
        }

        var single = ParsePart(parts[0], text);
        return single.Protocol == "AH"
            ? new SecurityMethod(SecurityProtocol.Ah, EncryptionAlgorithm.None, single.Integrity, IntegrityAlgorithm.None, kilobytes, seconds)
            : new SecurityMethod(SecurityProtocol.Esp, single.Encryption, single.Integrity, IntegrityAlgorithm.None, kilobytes, seconds);
    }

    public override string ToString()
    {
        var life = string.Format(CultureInfo.InvariantCulture, ":{0}k/{1}s", LifetimeKilobytes, LifetimeSeconds);
        var esp = $"ESP[{AlgorithmNames.Format(Encryption)},{Integrity}]";
        return Protocol switch
        {
            SecurityProtocol.Ah => $"AH[{Integrity}]{life}",
            SecurityProtocol.AhAndEsp => $"AH[{AhIntegrity}]+{esp}{life}",
            _ => esp + life,
        };
    }

    public bool Equals(SecurityMethod? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as SecurityMethod);

    public override int GetHashCode() => ToString().GetHashCode();

    private void Check()
    {
        switch (Protocol)
        {
            case SecurityProtocol.Ah:
                if (Encryption != EncryptionAlgorithm.None)
                {
                    throw Invalid("AH does not encrypt: give Encryption None, or use Esp / AhAndEsp.", this);
                }

                if (Integrity == IntegrityAlgorithm.None)
                {
                    throw Invalid("AH needs an integrity algorithm.", this);
                }

                break;
            case SecurityProtocol.AhAndEsp:
                if (AhIntegrity == IntegrityAlgorithm.None)
                {
                    throw Invalid("AH+ESP needs an AH integrity algorithm.", this);
                }

                CheckEsp(allowNone: true);
                break;
            default:
                CheckEsp(allowNone: false);
                break;
        }

        if (LifetimeKilobytes < MinLifetimeKilobytes || LifetimeKilobytes > MaxLifetimeKilobytes)
        {
            throw Invalid($"A quick mode lifetime of {LifetimeKilobytes} KB is outside {MinLifetimeKilobytes}-{MaxLifetimeKilobytes}.", LifetimeKilobytes, ErrorIds.InvalidLifetime);
        }

        if (LifetimeSeconds < MinLifetimeSeconds || LifetimeSeconds > MaxLifetimeSeconds)
        {
            throw Invalid($"A quick mode lifetime of {LifetimeSeconds} s is outside {MinLifetimeSeconds}-{MaxLifetimeSeconds}.", LifetimeSeconds, ErrorIds.InvalidLifetime);
        }
    }

    private void CheckEsp(bool allowNone)
    {
        if (IsAead && Integrity != IntegrityAlgorithm.None)
        {
            throw Invalid("AES-GCM authenticates by itself: give Integrity None with AESGCM128/AESGCM256.", this);
        }

        if (!allowNone && Encryption == EncryptionAlgorithm.None && Integrity == IntegrityAlgorithm.None)
        {
            throw Invalid("ESP needs encryption, integrity, or both; not neither.", this);
        }
    }

    private static (string Protocol, EncryptionAlgorithm Encryption, IntegrityAlgorithm Integrity) ParsePart(string part, string text)
    {
        var match = Part.Match(part);
        if (!match.Success)
        {
            throw Invalid($"'{text}' is not a security method. Write e.g. ESP[AES256,SHA256]:100000k/3600s or AH[SHA1]+ESP[3DES,SHA1].", text);
        }

        var protocol = match.Groups["p"].Value.ToUpperInvariant();
        var algorithms = match.Groups["a"].Value.Split(',');
        if (protocol == "AH")
        {
            if (algorithms.Length != 1 || !AlgorithmNames.TryParseIntegrity(algorithms[0], out var ahHash))
            {
                throw Invalid($"'{text}': AH takes one hash, e.g. AH[SHA1].", text);
            }

            return (protocol, EncryptionAlgorithm.None, ahHash);
        }

        if (algorithms.Length is < 1 or > 2 || !AlgorithmNames.TryParseEncryption(algorithms[0], out var cipher))
        {
            throw Invalid($"'{text}': ESP takes a cipher and a hash, e.g. ESP[AES256,SHA256].", text);
        }

        var hash = IntegrityAlgorithm.None;
        if (algorithms.Length == 2 && !AlgorithmNames.TryParseIntegrity(algorithms[1], out hash))
        {
            throw Invalid($"'{text}': '{algorithms[1]}' is not an integrity algorithm (None, MD5, SHA1, SHA256, SHA384, SHA512).", text);
        }

        return (protocol, cipher, hash);
    }

    private static PolicyException Invalid(string message, object? target, string id = ErrorIds.InvalidSecurityMethod) =>
        new(id, PolicyErrorCategory.InvalidArgument, message, target);
}
