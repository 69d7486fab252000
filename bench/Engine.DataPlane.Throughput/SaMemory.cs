using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using Engine.Crypto.Ciphers;
using Engine.Crypto.Integrity;
using Engine.DataPlane.Pipeline;
using Engine.DataPlane.Sa;
using Engine.DataPlane.Spd;

namespace Engine.DataPlane.Throughput;

/// <summary>
/// What an installed SA pair costs: managed bytes retained by 10,000 transport-mode pairs
/// (AES-CBC-128 + HMAC-SHA1-96, as an L2TP/IPsec session has), and the resident memory of the
/// keyed crypto objects one worker creates per SA on its first packet (native OpenSSL contexts
/// included, which the GC does not see).
/// </summary>
internal static class SaMemory
{
    public static void Report(int pairs)
    {
        using var plane = new IpsecDataPlane();
        var key = new byte[16];
        var integrityKey = new byte[20];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < pairs; i++)
        {
            var peer = new IPAddress(BitConverter.GetBytes(0x0A000000 + i + 1));
            var selector = TrafficSelector.Between(AddressRange.Host(IPAddress.Parse("192.0.2.1")), AddressRange.Host(peer));
            foreach (var direction in new[] { SaDirection.Inbound, SaDirection.Outbound })
            {
                plane.AddSa(new SaSpecification
                {
                    Spi = (uint)(0x1000 + (2 * i) + (direction == SaDirection.Inbound ? 0 : 1)), Direction = direction,
                    Mode = IpsecMode.Transport, LocalAddress = IPAddress.Parse("192.0.2.1"), PeerAddress = peer,
                    Encapsulation = SaEncapsulation.Udp, Cipher = CipherAlgorithms.AesCbc128, Integrity = IntegrityAlgorithms.HmacSha1Icv96,
                    EncryptionKey = key, IntegrityKey = integrityKey, Selector = selector, ReqId = i + 1,
                });
            }
        }

        var installed = GC.GetTotalMemory(forceFullCollection: true) - before;

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var residentBefore = process.WorkingSet64;
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var contexts = new List<IDisposable>(pairs * 4);
        for (var i = 0; i < pairs * 2; i++)
        {
            contexts.Add(CipherAlgorithms.AesCbc128.Create(key));
            contexts.Add(IntegrityAlgorithms.HmacSha1Icv96.Create(integrityKey));
        }

        var managedContexts = GC.GetTotalMemory(forceFullCollection: true) - managedBefore;
        process.Refresh();
        var residentContexts = process.WorkingSet64 - residentBefore;
        Console.WriteLine($"SA pairs installed: {pairs}, managed bytes per pair {installed / (double)pairs:F0}; keyed contexts (one worker, both SAs) " +
            $"managed {managedContexts / (double)pairs:F0} B and resident {residentContexts / (double)pairs:F0} B per pair");
        foreach (var context in contexts)
        {
            context.Dispose();
        }

        GC.KeepAlive(plane);
    }
}
