namespace IpSecPolicy.Commands.Tests;

/// <summary>
/// Makes SecureStrings inside the hosted runspace, which has no ConvertTo-SecureString. Kept apart
/// from PowerShellSession.cs so that helpers for other nouns can grow that file without collisions.
/// </summary>
public static class SecureStringScript
{
    /// <summary>
    /// Defines <c>$<paramref name="variable"/></c> as a SecureString holding <paramref name="text"/>, in
    /// a script of its own: errors of later scripts then cannot quote the key from their script text.
    /// </summary>
    public static void DefineSecureString(this PowerShellSession session, string variable, string text)
    {
        var literal = text.Replace("'", "''");
        session.Invoke($"${variable} = [System.Security.SecureString]::new(); '{literal}'.ToCharArray() | ForEach-Object {{ ${variable}.AppendChar($_) }}").Ok();
    }
}
