using System.Threading;
using System.Threading.Tasks;
using Engine.Host.Ipsec;
using Engine.Host.Logging;
using IpSecPolicy.Control;
using Microsoft.Extensions.Logging;

namespace Engine.Host.Control.Commands;

/// <summary>
/// ExportWiresharkKeys: every installed ESP SA's and every ISAKMP SA's keys in Wireshark's terms
/// (WiresharkKeys). The one command that returns key material; the socket is root's only, the
/// cmdlet asks for confirmation, and the log says that keys went out (never which).
/// </summary>
internal sealed class ExportWiresharkKeysCommand : IControlCommand
{
    private readonly IIpsecMonitor monitor;
    private readonly ILogger<ExportWiresharkKeysCommand> logger;

    public ExportWiresharkKeysCommand(IIpsecMonitor monitor, ILogger<ExportWiresharkKeysCommand> logger)
    {
        this.monitor = monitor;
        this.logger = logger;
    }

    public string Name => ControlCommands.ExportWiresharkKeys;

    public Task<object?> ExecuteAsync(ControlCall call, CancellationToken cancellationToken)
    {
        var keys = WiresharkKeyExport.Build(monitor.GetInstalledSas(), monitor.GetIkeSaKeys());
        logger.WiresharkKeysExported(keys.EspSas.Count, keys.IsakmpSas.Count);
        return Task.FromResult<object?>(keys);
    }
}
