using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Engine.Host.Audit;

namespace Engine.Host.Tests.Ipsec.Support;

/// <summary>Keeps every audit record written, in order.</summary>
internal sealed class RecordingAudit : IAuditSink
{
    private readonly ConcurrentQueue<AuditRecord> records = new();

    public IReadOnlyList<AuditRecord> Records => records.ToList();

    public void Write(AuditRecord record) => records.Enqueue(record);
}
