using IpSecPolicy.Control.Results;

namespace IpSecPolicy.Control.Tests;

/// <summary>
/// The text of Wireshark's esp_sa and ikev1_decryption_table UATs: eight quoted fields per ESP SA
/// (packet-ipsec.c's uat fields), cookie and key as unquoted hex per ISAKMP SA (the form
/// strongSwan's save-keys writes), a comment line first. tshark reading them is tested in
/// Engine.Host.Tests (WiresharkExportTests).
/// </summary>
public sealed class WiresharkKeyTablesTests
{
    [Fact]
    public void An_esp_sa_line_has_the_eight_quoted_fields_in_wiresharks_order()
    {
        var line = WiresharkKeyTables.EspSaLine(new EspSaKey
        {
            Protocol = "IPv6",
            Source = "2001:db8::1",
            Destination = "2001:db8::2",
            Spi = "0x0000c0de",
            EncryptionAlgorithm = "AES-GCM with 16 octet ICV [RFC4106]",
            EncryptionKey = "0x00112233445566778899aabbccddeeff01020304",
            AuthenticationAlgorithm = "NULL",
            AuthenticationKey = string.Empty,
        });

        Assert.Equal("\"IPv6\",\"2001:db8::1\",\"2001:db8::2\",\"0x0000c0de\",\"AES-GCM with 16 octet ICV [RFC4106]\",\"0x00112233445566778899aabbccddeeff01020304\",\"NULL\",\"\"", line);
    }

    [Fact]
    public void Quotes_backslashes_and_control_characters_are_escaped_as_uat_does()
    {
        var line = WiresharkKeyTables.EspSaLine(new EspSaKey { Protocol = "a\"b\\c\nd" });

        Assert.StartsWith("\"a\\x22b\\x5cc\\x0ad\",", line);
    }

    [Fact]
    public void The_ikev1_table_has_cookie_and_key_in_lower_case_hex()
    {
        var text = WiresharkKeyTables.Ikev1DecryptionTable(
        [
            new IsakmpSaKey { InitiatorCookie = "083186855824DEA9", ResponderCookie = "278505be6810e1d1", EncryptionKey = "7E2A429F8E8CE6803467895406C38A77" },
        ]);

        var lines = text.Split('\n');
        Assert.StartsWith("# ", lines[0]);
        Assert.Contains("session keys", lines[0]);
        Assert.Equal("083186855824dea9,7e2a429f8e8ce6803467895406c38a77", lines[1]);
        Assert.Equal(string.Empty, lines[2]);
    }

    [Fact]
    public void Empty_tables_are_just_the_comment()
    {
        Assert.Single(WiresharkKeyTables.EspSa([]).Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(WiresharkKeyTables.EspSa([]), WiresharkKeyTables.Ikev1DecryptionTable([]));
    }

    [Fact]
    public void The_key_records_never_show_their_keys()
    {
        var esp = new EspSaKey { Spi = "0x00000001", EncryptionKey = "0xfeedface", AuthenticationKey = "0xdeadbeef" };
        var isakmp = new IsakmpSaKey { InitiatorCookie = "01", EncryptionKey = "cafebabe" };

        Assert.DoesNotContain("feedface", esp.ToString());
        Assert.DoesNotContain("deadbeef", esp.ToString());
        Assert.DoesNotContain("cafebabe", isakmp.ToString());
    }
}
