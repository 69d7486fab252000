using System.Globalization;
using System.Linq;
using Interop.Support;
using Xunit;

namespace Interop.Labs;

/// <summary>
/// The lab's ephemeral ports stay clear of every port tshark dissects by number, so that our wire
/// evidence never reads a test client's payload as some application protocol guessed from its port.
/// </summary>
public sealed class EphemeralPortRangeTests
{
    [Fact]
    public void No_tshark_dissector_claims_a_port_of_the_lab_range()
    {
        // tshark -G decodes: "udp.port<TAB>44818<TAB>enip", one line per table entry.
        var claimed = Command.Check("tshark", "-G", "decodes")
            .Split('\n')
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 3 && fields[0] is "udp.port" or "tcp.port")
            .Where(fields => int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && port >= Lab.FirstEphemeralPort && port <= Lab.LastEphemeralPort)
            .Select(fields => string.Join(" ", fields))
            .ToList();
        Assert.True(claimed.Count == 0, "tshark dissects these ports of the lab's ephemeral range: " + string.Join(", ", claimed));
    }
}
