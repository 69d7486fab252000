using System.Threading;
using Engine.DataPlane.Abstractions;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Pipeline;

/// <summary>
/// The binds attached to the data plane, and which one each SA sends through: raw ESP, raw AH or
/// UDP 4500 by the SA's protocol and encapsulation, of the SA's family, bound to its local address
/// (or to the wildcard). The choice is cached on the SA and redone only when binds change.
/// </summary>
internal sealed class BindRegistry
{
    private readonly Lock gate = new();
    private RegisteredBind[] binds = [];
    private int version;

    public RegisteredBind[] All => Volatile.Read(ref binds);

    public RegisteredBind Register(IDatagramBind bind)
    {
        lock (gate)
        {
            var registered = new RegisteredBind(bind);
            Volatile.Write(ref binds, [.. binds, registered]);
            Interlocked.Increment(ref version);
            return registered;
        }
    }

    public IDatagramBind? SendBindFor(SecurityAssociation sa)
    {
        var current = Volatile.Read(ref version);
        var choice = sa.SendChoice;
        if (choice is not null && choice.Version == current)
        {
            return choice.Bind;
        }

        var kind = sa.Protocol == IpsecProtocol.Ah ? DatagramEndpointKind.Ah
            : sa.Encapsulation == SaEncapsulation.Udp ? DatagramEndpointKind.NatTraversal
            : DatagramEndpointKind.Esp;
        IDatagramBind? wildcard = null;
        IDatagramBind? chosen = null;
        foreach (var bind in Volatile.Read(ref binds))
        {
            if (bind.Kind != kind || bind.Family != sa.Family)
            {
                continue;
            }

            if (bind.LocalAddress == sa.LocalAddressBits && !bind.IsAnyAddress)
            {
                chosen = bind.Bind;
                break;
            }

            if (bind.IsAnyAddress)
            {
                wildcard ??= bind.Bind;
            }
        }

        chosen ??= wildcard;
        sa.SendChoice = new BindChoice(chosen, current);
        return chosen;
    }
}
