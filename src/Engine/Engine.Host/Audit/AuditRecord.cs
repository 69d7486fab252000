using System.Collections.Generic;
using IpSecPolicy.Control.Results;

namespace Engine.Host.Audit;

/// <summary>
/// One audit event as its writer states it: the Windows event number (<see cref="AuditEventIds"/>),
/// success or failure, a sentence, and named fields (Policy, Peer, Reason, ...). Never a key.
/// </summary>
public sealed record AuditRecord(int Id, AuditOutcome Outcome, string Message, IReadOnlyDictionary<string, string>? Data = null);
