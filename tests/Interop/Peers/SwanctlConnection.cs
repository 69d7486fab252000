using System.Collections.Generic;
using System.Text;

namespace Interop.Peers;

/// <summary>
/// One strongSwan connection with its single child, as swanctl.conf writes it: IKEv1 main mode
/// with a pre-shared key and a tunnel-mode child (kernel-libipsec knows no transport mode).
/// </summary>
internal sealed record SwanctlConnection
{
    /// <summary>The connection's and its child's name (what swanctl --initiate/--terminate take).</summary>
    public string Name { get; init; } = "interop";

    /// <summary>1: IKEv1 (main mode, aggressive = no).</summary>
    public int Version { get; init; } = 1;

    public required string LocalAddress { get; init; }

    /// <summary>The peer's address, or %any for a peer behind a NAT that only ever initiates.</summary>
    public required string RemoteAddress { get; init; }

    /// <summary>IKE identities; IKEv1 with pre-shared keys identifies by address (ID_IPV4_ADDR), as Windows does.</summary>
    public string? LocalId { get; init; }

    public string? RemoteId { get; init; }

    /// <summary>strongSwan's IKE proposal string, e.g. aes128-sha1-modp2048 (several separated by commas).</summary>
    public string Proposals { get; init; } = "aes128-sha1-modp2048";

    /// <summary>strongSwan's ESP proposal string, e.g. aes128-sha1 (a DH group in it asks for PFS).</summary>
    public string EspProposals { get; init; } = "aes128-sha1";

    /// <summary>Traffic selectors: "dynamic" is the connection's own address (a host-to-host tunnel).</summary>
    public string LocalTs { get; init; } = "dynamic";

    public string RemoteTs { get; init; } = "dynamic";

    public string Secret { get; init; } = "interop pre-shared key 0123456789";

    /// <summary>IKEv1 DPD: R-U-THERE after this idle time ("2s"), the peer is dead after <see cref="DpdTimeout"/>.</summary>
    public string? DpdDelay { get; init; }

    public string? DpdTimeout { get; init; }

    /// <summary>What a dead peer does to the child (clear: remove the SAs).</summary>
    public string? DpdAction { get; init; }

    /// <summary>The child's rekey time and hard lifetime ("20s", "30s"); jitter off for repeatable timing.</summary>
    public string? ChildRekeyTime { get; init; }

    public string? ChildLifeTime { get; init; }

    /// <summary>The ISAKMP SA's reauthentication time (IKEv1 has no IKE rekey).</summary>
    public string? IkeRekeyTime { get; init; }

    /// <summary>Extra settings for the connection block (key = value).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("connections {");
        text.AppendLine($"  {Name} {{");
        text.AppendLine($"    version = {Version}");
        text.AppendLine("    aggressive = no");
        text.AppendLine($"    local_addrs = {LocalAddress}");
        text.AppendLine($"    remote_addrs = {RemoteAddress}");
        text.AppendLine($"    proposals = {Proposals}");
        Optional(text, "    ", "dpd_delay", DpdDelay);
        Optional(text, "    ", "dpd_timeout", DpdTimeout);
        Optional(text, "    ", "rekey_time", IkeRekeyTime);
        foreach (var (key, value) in Extra)
        {
            text.AppendLine($"    {key} = {value}");
        }

        text.AppendLine("    local {");
        text.AppendLine("      auth = psk");
        Optional(text, "      ", "id", LocalId);
        text.AppendLine("    }");
        text.AppendLine("    remote {");
        text.AppendLine("      auth = psk");
        Optional(text, "      ", "id", RemoteId);
        text.AppendLine("    }");
        text.AppendLine("    children {");
        text.AppendLine($"      {Name} {{");
        text.AppendLine("        mode = tunnel");
        text.AppendLine($"        local_ts = {LocalTs}");
        text.AppendLine($"        remote_ts = {RemoteTs}");
        text.AppendLine($"        esp_proposals = {EspProposals}");
        text.AppendLine("        start_action = none");
        Optional(text, "        ", "dpd_action", DpdAction);
        Optional(text, "        ", "rekey_time", ChildRekeyTime);
        Optional(text, "        ", "life_time", ChildLifeTime);
        if (ChildRekeyTime is not null)
        {
            text.AppendLine("        rand_time = 0s");
        }

        text.AppendLine("      }");
        text.AppendLine("    }");
        text.AppendLine("  }");
        text.AppendLine("}");
        text.AppendLine("secrets {");
        text.AppendLine($"  ike-{Name} {{");
        text.AppendLine($"    secret = \"{Secret}\"");
        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }

    private static void Optional(StringBuilder text, string indent, string key, string? value)
    {
        if (value is not null)
        {
            text.AppendLine($"{indent}{key} = {value}");
        }
    }
}
