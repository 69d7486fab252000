using System;
using System.Collections.Generic;
using IpSecPolicy.Model.Errors;
using IpSecPolicy.Model.Objects;

namespace IpSecPolicy.Model.Operations;

/// <summary>What a rule's (or the default response rule's) ordered list of authentication methods must be.</summary>
internal static class AuthMethodList
{
    /// <summary>
    /// Checks each method and returns copies for the store. A method that carries a new key gets a
    /// fresh id, so one <c>New-IpSecAuthMethod</c> object given to several rules makes one secret
    /// per rule and the caller's object stays usable; a method read from the store (its key kept
    /// there) keeps its id, which is what finds the key.
    /// </summary>
    public static List<AuthMethod> Prepare(IEnumerable<AuthMethod?> methods, string owner)
    {
        var result = new List<AuthMethod>();
        foreach (var method in methods)
        {
            if (method is null)
            {
                throw new PolicyException(ErrorIds.InvalidAuthMethod, PolicyErrorCategory.InvalidArgument,
                    $"{owner}: an authentication method is missing (null).", owner);
            }

            Check(method, owner);
            var copy = method.Clone();
            if (copy.PreSharedKey is { HasValue: true })
            {
                copy.Id = Guid.NewGuid();
            }

            result.Add(copy);
        }

        return result;
    }

    private static void Check(AuthMethod method, string owner)
    {
        switch (method.Kind)
        {
            case AuthMethodKind.PreSharedKey when method.PreSharedKey is null:
                // Never quote a key here: only its absence is reported.
                throw new PolicyException(ErrorIds.EmptyPreSharedKey, PolicyErrorCategory.InvalidArgument,
                    $"{owner}: a pre-shared key method has no key. Make one with New-IpSecAuthMethod -PreSharedKey.", owner);
            case AuthMethodKind.Certificate when string.IsNullOrWhiteSpace(method.CertificateAuthority):
                throw new PolicyException(ErrorIds.InvalidAuthMethod, PolicyErrorCategory.InvalidArgument,
                    $"{owner}: a certificate method names no root CA.", owner);
            case AuthMethodKind.Kerberos or AuthMethodKind.Certificate or AuthMethodKind.PreSharedKey:
                return;
            default:
                throw new PolicyException(ErrorIds.InvalidAuthMethod, PolicyErrorCategory.InvalidArgument,
                    $"{owner}: '{method.Kind}' is not an authentication method.", owner);
        }
    }
}
