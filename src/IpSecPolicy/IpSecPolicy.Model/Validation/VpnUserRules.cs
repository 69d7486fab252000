using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;
using IpSecPolicy.Model.Values;

namespace IpSecPolicy.Model.Validation;

/// <summary>
/// What a VPN user's name, password and static address may be. The limits come from what the
/// gateway's PPP authentication methods can carry; every message names the user, never quotes the
/// password.
/// </summary>
public static class VpnUserRules
{
    /// <summary>
    /// PAP sends the name (Peer-ID) and the password each after a one-octet length (RFC 1334
    /// §2.2.1), so 255 bytes is the most every method can carry. MS-CHAPv2 allows 256 UTF-16
    /// characters of password (RFC 2759 §8.3), which 255 bytes never exceed.
    /// </summary>
    public const int MaxNameBytes = 255;

    /// <inheritdoc cref="MaxNameBytes"/>
    public const int MaxPasswordBytes = 255;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The name, trimmed. Refused (InvalidName): empty, longer than 255 bytes in UTF-8, a control
    /// or line-breaking character (a client cannot type one, and it would break log lines), an
    /// unpaired surrogate, a wildcard character (Get-VpnUser -Name selects with wildcards), or a
    /// backslash: Windows clients send "DOMAIN\user" and the gateway's PPP authentication looks up
    /// the part after the last backslash, so a stored name holding one could never log in.
    /// </summary>
    public static string CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw InvalidName("A VPN user name must not be empty.", name);
        }

        var control = FirstControlCharacter(trimmed);
        if (control >= 0)
        {
            // Not quoted: the character itself would break the message.
            throw InvalidName($"A VPN user name cannot contain control characters (U+{(int)trimmed[control]:X4} at position {control + 1}).", name);
        }

        if (trimmed.IndexOfAny(new[] { '*', '?', '[', ']' }) >= 0)
        {
            throw InvalidName($"A VPN user name cannot contain wildcard characters (* ? [ ]): '{trimmed}'.", name);
        }

        if (trimmed.IndexOf('\\') >= 0)
        {
            var bare = trimmed.Substring(trimmed.LastIndexOf('\\') + 1).Trim();
            throw InvalidName("A VPN user name cannot contain a backslash: clients send 'DOMAIN\\user' and the gateway looks up the part after it."
                + (bare.Length > 0 ? $" Add the user as '{bare}'." : string.Empty), name);
        }

        var bytes = Utf8Length(trimmed);
        if (bytes < 0)
        {
            throw InvalidName("A VPN user name must be valid Unicode (it holds an unpaired surrogate).", name);
        }

        if (bytes > MaxNameBytes)
        {
            throw InvalidName($"A VPN user name must have at most {MaxNameBytes} bytes in UTF-8 (PAP carries no more); '{trimmed.Substring(0, 16)}...' has {bytes}.", name);
        }

        return trimmed;
    }

    /// <summary>
    /// Refuses (InvalidPassword) a password that is empty, longer than 255 bytes in UTF-8, holds a
    /// control character, or is not valid Unicode. Spaces count, leading and trailing ones too.
    /// </summary>
    public static void CheckPassword(Secret password, string userName)
    {
        if (!password.HasValue)
        {
            throw InvalidPassword($"VPN user '{userName}' has no password.", userName);
        }

        var value = password.Reveal();
        if (value.Length == 0)
        {
            throw InvalidPassword($"The password of VPN user '{userName}' must not be empty.", userName);
        }

        if (FirstControlCharacter(value) >= 0)
        {
            throw InvalidPassword($"The password of VPN user '{userName}' contains a control character; a client cannot type one.", userName);
        }

        var bytes = Utf8Length(value);
        if (bytes < 0)
        {
            throw InvalidPassword($"The password of VPN user '{userName}' is not valid Unicode (it holds an unpaired surrogate).", userName);
        }

        if (bytes > MaxPasswordBytes)
        {
            throw InvalidPassword($"The password of VPN user '{userName}' is longer than {MaxPasswordBytes} bytes in UTF-8, more than PAP can carry.", userName);
        }
    }

    /// <summary>Parses a static address (a dotted quad) and checks it; InvalidAddress when it is not one.</summary>
    public static IPAddress ParseStaticAddress(string text)
    {
        if (!FilterAddress.TryParseIp(text ?? string.Empty, out var address))
        {
            throw InvalidAddress($"'{text}' is not an IPv4 address.", text);
        }

        CheckStaticAddress(address);
        return address;
    }

    /// <summary>
    /// Refuses (InvalidAddress) what IPCP cannot hand a client as its own address: IPv6 (IPCP,
    /// RFC 1332, assigns IPv4 only; IPV6CP negotiates interface identifiers, no addresses),
    /// 0.0.0.0/8 ("this network"), loopback, link-local (never routed, RFC 3927), multicast, and
    /// 240.0.0.0/4 with the limited broadcast address.
    /// </summary>
    public static void CheckStaticAddress(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw InvalidAddress($"A VPN user's static address must be IPv4: PPP (IPCP) assigns IPv4 addresses only, and {address} is not one.", address);
        }

        var bytes = address.GetAddressBytes();
        var why = bytes[0] switch
        {
            0 => "is in 0.0.0.0/8 (\"this network\")",
            127 => "is a loopback address",
            >= 224 and < 240 => "is a multicast address",
            >= 240 => "is reserved (240.0.0.0/4, or the broadcast address)",
            169 when bytes[1] == 254 => "is link-local (169.254.0.0/16), which is never routed",
            _ => null,
        };
        if (why is not null)
        {
            throw InvalidAddress($"A VPN user's static address must be a unicast address a client can use; {address} {why}.", address);
        }
    }

    /// <summary>NameCollision unless no user other than <paramref name="self"/> has the name (case-insensitively).</summary>
    public static void RefuseNameTaken(IEnumerable<VpnUser> users, string name, VpnUser? self)
    {
        foreach (var other in users)
        {
            if (!ReferenceEquals(other, self) && string.Equals(other.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                throw new PolicyException(ErrorIds.NameCollision, PolicyErrorCategory.ResourceExists,
                    $"A VPN user named '{other.Name}' already exists (names are compared case-insensitively).", name);
            }
        }
    }

    /// <summary>StaticAddressInUse when a user other than <paramref name="self"/> already has <paramref name="address"/>.</summary>
    public static void RefuseAddressTaken(IEnumerable<VpnUser> users, IPAddress? address, VpnUser? self)
    {
        if (address is null)
        {
            return;
        }

        foreach (var other in users)
        {
            if (!ReferenceEquals(other, self) && address.Equals(other.StaticAddress))
            {
                throw new PolicyException(ErrorIds.StaticAddressInUse, PolicyErrorCategory.ResourceExists,
                    $"{address} is already the static address of VPN user '{other.Name}'; each user needs an address of its own.", address);
            }
        }
    }

    /// <summary>
    /// The first rule a list of users breaks, as the index of the user, the file property at fault
    /// and the refusal; null when it keeps them all. With <paramref name="requirePasswords"/> every
    /// user must hold a valid password value (what is about to be written, or was just read).
    /// </summary>
    internal static (int Index, string Property, PolicyException Error)? FirstViolation(IReadOnlyList<VpnUser> users, bool requirePasswords)
    {
        var names = new Dictionary<string, VpnUser>(StringComparer.OrdinalIgnoreCase);
        var addresses = new Dictionary<IPAddress, VpnUser>();
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            var property = "name";
            try
            {
                CheckName(user.Name);
                if (names.TryGetValue(user.Name, out var sameName))
                {
                    RefuseNameTaken(new[] { sameName }, user.Name, null);
                }

                names.Add(user.Name, user);
                property = "password";
                if (requirePasswords)
                {
                    CheckPassword(user.Password, user.Name);
                }

                property = "staticAddress";
                if (user.StaticAddress is not null)
                {
                    CheckStaticAddress(user.StaticAddress);
                    if (addresses.TryGetValue(user.StaticAddress, out var sameAddress))
                    {
                        RefuseAddressTaken(new[] { sameAddress }, user.StaticAddress, null);
                    }

                    addresses.Add(user.StaticAddress, user);
                }
            }
            catch (PolicyException error)
            {
                return (i, property, error);
            }
        }

        return null;
    }

    /// <summary>The index of the first control, line separator or paragraph separator character, or -1.</summary>
    internal static int FirstControlCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(text[i]);
            if (category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The UTF-8 length, or -1 when the text holds an unpaired surrogate.</summary>
    private static int Utf8Length(string text)
    {
        try
        {
            return StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return -1;
        }
    }

    private static PolicyException InvalidName(string message, string? name) =>
        new(ErrorIds.InvalidName, PolicyErrorCategory.InvalidArgument, message, name);

    private static PolicyException InvalidPassword(string message, string userName) =>
        new(ErrorIds.InvalidPassword, PolicyErrorCategory.InvalidArgument, message, userName);

    private static PolicyException InvalidAddress(string message, object? target) =>
        new(ErrorIds.InvalidAddress, PolicyErrorCategory.InvalidArgument, message, target);
}
