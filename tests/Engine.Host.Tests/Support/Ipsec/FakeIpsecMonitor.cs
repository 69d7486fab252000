using System.Collections.Generic;
using System.Linq;
using Engine.DataPlane.Pipeline;
using Engine.Host.Ipsec;
using Engine.Ike;
using Engine.Ike.Kernel;
using Engine.Ike.Statistics;

namespace Engine.Host.Tests.Support.Ipsec;

/// <summary>A monitor that returns what the test put in, and records deletions.</summary>
internal sealed class FakeIpsecMonitor : IIpsecMonitor
{
    private readonly IpsecDataPlane plane = new();

    public bool IsActive { get; set; } = true;

    public List<MainModeSaInfo> MainModeSas { get; } = new();

    public List<QuickModeSaInfo> QuickModeSas { get; } = new();

    public List<KernelSa> InstalledSas { get; } = new();

    public List<IkeSaKeys> IkeSaKeys { get; } = new();

    public IkeStatistics IkeStatistics { get; set; } = new();

    public List<string> DeletedMainModeSas { get; } = new();

    public List<ulong> DeletedQuickModeSas { get; } = new();

    public IReadOnlyList<MainModeSaInfo> GetMainModeSas() => MainModeSas.ToList();

    public IReadOnlyList<QuickModeSaInfo> GetQuickModeSas() => QuickModeSas.ToList();

    public bool DeleteMainModeSa(string id)
    {
        DeletedMainModeSas.Add(id);
        return MainModeSas.RemoveAll(sa => sa.Id == id) > 0;
    }

    public bool DeleteQuickModeSa(ulong id)
    {
        DeletedQuickModeSas.Add(id);
        return QuickModeSas.RemoveAll(sa => sa.Id == id) > 0;
    }

    public DataPlaneStatistics GetDataPlaneStatistics() => plane.GetStatistics();

    public IReadOnlyList<KernelSa> GetInstalledSas() => InstalledSas.ToList();

    public IkeStatistics GetIkeStatistics() => IkeStatistics;

    public IReadOnlyList<IkeSaKeys> GetIkeSaKeys() => IkeSaKeys.ToList();
}
