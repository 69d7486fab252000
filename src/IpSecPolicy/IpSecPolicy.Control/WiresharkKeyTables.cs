using System.Collections.Generic;
using System.Globalization;
using System.Text;
using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Control;

/// <summary>
/// Wireshark's user access tables (UAT) for decrypting IPsec, as text: <c>esp_sa</c> (ESP
/// preferences: protocol, source, destination, SPI, encryption algorithm and key, authentication
/// algorithm and key, each a quoted string, as packet-ipsec.c declares its fields) and
/// <c>ikev1_decryption_table</c> (ISAKMP preferences: initiator cookie and encryption key, both
/// unquoted hex byte fields, the form strongSwan's save-keys plugin writes). A file of either name
/// in a Wireshark profile directory is read at start; tshark also takes each line as
/// <c>-o uat:esp_sa:LINE</c>.
/// </summary>
public static class WiresharkKeyTables
{
    public const string EspSaFileName = "esp_sa";
    public const string Ikev1DecryptionTableFileName = "ikev1_decryption_table";

    private const string Header = "# Written by Export-IpSecWiresharkKey (IpSecPolicy). It holds session keys: keep it private, delete it when done.\n";

    public static string EspSa(IEnumerable<EspSaKey> sas)
    {
        var text = new StringBuilder(Header);
        foreach (var sa in sas)
        {
            text.Append(EspSaLine(sa)).Append('\n');
        }

        return text.ToString();
    }

    public static string Ikev1DecryptionTable(IEnumerable<IsakmpSaKey> sas)
    {
        var text = new StringBuilder(Header);
        foreach (var sa in sas)
        {
            text.Append(Ikev1Line(sa)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>One esp_sa record: eight quoted fields.</summary>
    public static string EspSaLine(EspSaKey sa) => string.Join(",",
        Quote(sa.Protocol), Quote(sa.Source), Quote(sa.Destination), Quote(sa.Spi),
        Quote(sa.EncryptionAlgorithm), Quote(sa.EncryptionKey),
        Quote(sa.AuthenticationAlgorithm), Quote(sa.AuthenticationKey));

    /// <summary>One ikev1_decryption_table record: two hex byte fields.</summary>
    public static string Ikev1Line(IsakmpSaKey sa) =>
        sa.InitiatorCookie.ToLowerInvariant() + "," + sa.EncryptionKey.ToLowerInvariant();

    /// <summary>A UAT string field: quoted, with a quote, a backslash or a control character as \xNN (uat.c's escaping).</summary>
    private static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c == '"' || c == '\\' || c < ' ')
            {
                text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    }
}
