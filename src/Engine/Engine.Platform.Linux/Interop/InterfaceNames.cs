using System;

namespace Engine.Platform.Linux.Interop;

/// <summary>Checks interface names before they reach an ioctl, an <c>ip</c> argument or nft text.</summary>
internal static class InterfaceNames
{
    /// <summary>IFNAMSIZ minus the terminating NUL.</summary>
    internal const int MaximumLength = InterfaceRequest.NameSize - 1;

    /// <summary>
    /// Throws unless <paramref name="name"/> is one the kernel accepts (dev_valid_name) and that is
    /// safe to quote in nft text: 1-15 printable ASCII characters without '/', ':', '"', '\' or '%'.
    /// </summary>
    internal static void Validate(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameterName);
        if (name.Length > MaximumLength || name is "." or "..")
        {
            throw new ArgumentException($"Interface name '{name}' must be 1-{MaximumLength} characters and not '.' or '..'.", parameterName);
        }

        foreach (char c in name)
        {
            if (c <= ' ' || c >= 0x7f || c is '/' or ':' or '"' or '\\' or '%')
            {
                throw new ArgumentException($"Interface name '{name}' contains '{c}', which is not allowed.", parameterName);
            }
        }
    }
}
