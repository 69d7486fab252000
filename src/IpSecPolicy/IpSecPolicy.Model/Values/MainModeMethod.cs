using System;
using System.Collections.Generic;
using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Values;

/// <summary>
/// A main mode (IKE phase 1) security method: cipher, hash and Diffie-Hellman group, written by
/// netsh as <c>AES256-SHA256-14</c> or <c>3DES-SHA1-2</c>.
/// </summary>
public sealed class MainModeMethod : IEquatable<MainModeMethod>
{
    public MainModeMethod(EncryptionAlgorithm encryption, IntegrityAlgorithm hash, DHGroup dhGroup)
    {
        if (encryption is EncryptionAlgorithm.None or EncryptionAlgorithm.AESGCM128 or EncryptionAlgorithm.AESGCM256)
        {
            throw Invalid($"Main mode encryption must be DES, 3DES, AES128, AES192 or AES256, not {AlgorithmNames.Format(encryption)}.", encryption);
        }

        if (hash == IntegrityAlgorithm.None)
        {
            throw Invalid("Main mode needs a hash algorithm.", hash);
        }

        if (!Enum.IsDefined(typeof(DHGroup), dhGroup))
        {
            throw Invalid($"DH group {(int)dhGroup} is not supported. Use 1, 2, 5, 14, 15, 16, 19, 20, 21 or 31.", dhGroup);
        }

        Encryption = encryption;
        Hash = hash;
        DHGroup = dhGroup;
    }

    public EncryptionAlgorithm Encryption { get; }

    public IntegrityAlgorithm Hash { get; }

    public DHGroup DHGroup { get; }

    /// <summary>DES, MD5 and DH groups 1 and 2 are kept for old peers only (Windows says the same).</summary>
    public bool IsWeak => Encryption == EncryptionAlgorithm.DES || Hash == IntegrityAlgorithm.MD5
        || DHGroup is DHGroup.Group1 or DHGroup.Group2;

    /// <summary>What a new policy offers: strong first, 3DES last for older peers.</summary>
    public static IReadOnlyList<MainModeMethod> Defaults { get; } = new[]
    {
        new MainModeMethod(EncryptionAlgorithm.AES256, IntegrityAlgorithm.SHA256, DHGroup.Group14),
        new MainModeMethod(EncryptionAlgorithm.AES128, IntegrityAlgorithm.SHA1, DHGroup.Group14),
        new MainModeMethod(EncryptionAlgorithm.TripleDES, IntegrityAlgorithm.SHA1, DHGroup.Group14),
    };

    /// <summary>Parses <c>cipher-hash-group</c>, e.g. <c>AES256-SHA256-14</c>.</summary>
    public static MainModeMethod Parse(string text)
    {
        var parts = (text ?? string.Empty).Trim().Split('-');
        if (parts.Length != 3)
        {
            throw Invalid($"'{text}' is not a main mode method. Write cipher-hash-group, e.g. AES256-SHA256-14 or 3DES-SHA1-2.", text);
        }

        if (!AlgorithmNames.TryParseEncryption(parts[0], out var encryption))
        {
            throw Invalid($"'{parts[0]}' in '{text}' is not a cipher (DES, 3DES, AES128, AES192, AES256).", text);
        }

        if (!AlgorithmNames.TryParseIntegrity(parts[1], out var hash))
        {
            throw Invalid($"'{parts[1]}' in '{text}' is not a hash (MD5, SHA1, SHA256, SHA384, SHA512).", text);
        }

        if (!AlgorithmNames.TryParseDHGroup(parts[2], out var group))
        {
            throw Invalid($"'{parts[2]}' in '{text}' is not a DH group (1, 2, 5, 14, 15, 16, 19, 20, 21, 31).", text);
        }

        return new MainModeMethod(encryption, hash, group);
    }

    public override string ToString() => $"{AlgorithmNames.Format(Encryption)}-{Hash}-{AlgorithmNames.Format(DHGroup)}";

    public bool Equals(MainModeMethod? other) =>
        other is not null && Encryption == other.Encryption && Hash == other.Hash && DHGroup == other.DHGroup;

    public override bool Equals(object? obj) => Equals(obj as MainModeMethod);

    public override int GetHashCode() => ((int)Encryption * 31 + (int)Hash) * 31 + (int)DHGroup;

    private static PolicyException Invalid(string message, object? target) =>
        new(ErrorIds.InvalidMainModeMethod, PolicyErrorCategory.InvalidArgument, message, target);
}
