namespace Engine.Host.Audit;

/// <summary>
/// Where audit events go (Get-IpSecEvent reads them back). The policy agent writes its own here;
/// the IKE side writes 541/542/543/547 through the same sink once it is wired into this host.
/// Implementations stamp the time and the record id; writing never throws and never blocks on I/O
/// for long, so callers on a negotiation path need not guard it.
/// </summary>
public interface IAuditSink
{
    void Write(AuditRecord record);
}
