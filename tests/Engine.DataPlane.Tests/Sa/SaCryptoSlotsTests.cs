using Engine.Crypto.Aead;
using Engine.DataPlane.Sa;

namespace Engine.DataPlane.Tests.Sa;

/// <summary>Per-worker crypto contexts: keyed on first lease, never freed under a packet in flight.</summary>
public sealed class SaCryptoSlotsTests
{
    [Fact]
    public void A_context_retired_while_leased_is_disposed_on_release()
    {
        var slots = new SaCryptoSlots(Transform(), slotCount: 3);
        var context = slots.Lease(1)!;
        Assert.Null(slots.Lease(1));

        slots.Dispose();
        Seal(context);
        slots.Release(1);

        Assert.Throws<ObjectDisposedException>(() => Seal(context));
        Assert.Null(slots.Lease(1));
        Assert.Null(slots.Lease(2));
    }

    [Fact]
    public void Idle_contexts_are_disposed_at_retirement_and_slots_are_independent()
    {
        var slots = new SaCryptoSlots(Transform(), slotCount: 3);
        var first = slots.Lease(0)!;
        slots.Release(0);
        var second = slots.Lease(2)!;
        Assert.NotSame(first, second);
        Assert.Same(first, slots.Lease(0));
        slots.Release(0);
        slots.Release(2);

        slots.Dispose();
        slots.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Seal(first));
        Assert.Throws<ObjectDisposedException>(() => Seal(second));
    }

    private static SaTransform Transform() =>
        new(IpsecProtocol.Esp, null, AeadAlgorithms.AesGcm16Key128, null, new byte[20], []);

    private static void Seal(SaCryptoContext context)
    {
        var data = new byte[16];
        var icv = new byte[16];
        context.Aead!.Seal(new byte[8], new byte[8], data, icv);
    }
}
