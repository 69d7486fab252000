using System;
using System.Linq;
using Interop.Labs;
using Interop.Matrix;
using Interop.Peers;

namespace Interop.Scenarios;

/// <summary>
/// Libreswan's pluto as the peer: main mode with a pre-shared key completes with our engine as
/// initiator and as responder, and tshark is content with our IKE and decrypts it. Quick mode
/// cannot finish on this kernel (pluto has no userspace ESP; its SA install through XFRM fails),
/// which the matrix states as observed.
/// </summary>
public sealed class LibreswanTests : IDisposable
{
    private const string OurAddress = "10.77.0.1";
    private const string PeerAddress = "10.77.0.2";

    private readonly Lab lab = new();

    [Theory]
    [InlineData(Initiator.Engine)]
    [InlineData(Initiator.Peer)]
    public void Main_mode_completes_with_libreswan(Initiator initiator)
    {
        var row = new MatrixRow
        {
            Key = initiator == Initiator.Engine ? "09a" : "09b",
            Peer = LibreswanPeer.Version,
            Scenario = "main mode with pluto (quick mode cannot install SAs on pluto's side: no ESP in this kernel, none in userspace)",
            Proposal = "AES128-SHA1-14 / ESP[AES128,SHA1] + PFS 14",
            Initiator = initiator == Initiator.Engine ? "engine" : "libreswan",
        };
        InteropMatrix.Run(row, () =>
        {
            PeerPrograms.RequireTools();
            var ours = lab.AddHost("ours");
            var peerHost = lab.AddHost("lsw");
            Lab.Link(ours, OurAddress + "/24", peerHost, PeerAddress + "/24");
            var pluto = lab.Own(new LibreswanPeer(peerHost));
            InteropMatrix.NoteVersion("libreswan", LibreswanPeer.Version);

            ours.RunScript(OurPolicies.HostToHostTunnel(OurAddress, PeerAddress, pfs: true)); // pluto requires PFS unless told pfs=no
            pluto.Start($"""
                config setup
                    ikev1-policy=accept
                    plutodebug=none
                conn interop
                    ikev2=no
                    authby=secret
                    left={PeerAddress}
                    right={OurAddress}
                    type=tunnel
                    ike=aes128-sha1;modp2048
                    esp=aes128-sha1
                    auto=add

                """, $"{PeerAddress} {OurAddress} : PSK \"{OurPolicies.Secret}\"\n");
            ours.StartEngine();
            using var capture = PacketCapture.Start(ours, ours.Interface);

            if (initiator == Initiator.Engine)
            {
                ours.Run("ping", "-c", "1", "-W", "1", PeerAddress); // the acquire; no answer can come back through pluto
            }
            else
            {
                var (code, output) = pluto.Whack("--name", "interop", "--initiate", "--asynchronous");
                Assert.True(code == 0, "whack --initiate: " + output);
            }

            string Logs() => $"----- engine log:\n{ours.EngineLog}\n----- IKE trace:\n{ours.IkeTrace}\n----- pluto:\n{pluto.Log}";
            if (!ours.WaitForEngineLog("Mode: Key Exchange Mode (Main Mode)", TimeSpan.FromSeconds(15)))
            {
                Assert.Fail("no main mode SA on our side\n" + Logs());
            }

            if (!pluto.WaitForLog("IKE SA established", TimeSpan.FromSeconds(10)))
            {
                Assert.Fail("pluto did not establish the ISAKMP SA\n" + Logs());
            }

            // Quick mode: pluto fails to install its half; see what each side made of it.
            pluto.WaitForLog("Protocol not supported", TimeSpan.FromSeconds(10));
            var established = pluto.LogLines("IKE SA established")[0];
            var reported = ours.RunScript("Get-IpSecMainModeSA | ForEach-Object { 'main mode: ' + $_.MainModeMethod + ' ' + $_.PeerAddress + ' ' + $_.PeerType }");
            Assert.Contains($"main mode: AES128-SHA1-14 {PeerAddress}", reported);

            var keys = WireEvidence.ExportKeys(ours);
            var sent = WireEvidence.AssertOurPacketsDecodeClean(capture, keys, OurAddress);
            var decrypted = WireEvidence.AssertOurIkeDecrypts(capture, keys, OurAddress);
            var quickMode = pluto.LogLines("Protocol not supported").FirstOrDefault() is { } failure
                ? "quick mode: pluto cannot install its SAs (XFRM: Protocol not supported)"
                : "quick mode: " + (ours.EngineLogLines("Data Protection Mode").Count > 0 ? "established on our side" : "not established");
            return $"pluto: '{Trim(established)}'; {quickMode}; {sent} IKE packets sent clean in tshark, {decrypted} encrypted IKE decrypted";
        });
    }

    private static string Trim(string line)
    {
        var start = line.IndexOf("IKE SA established", StringComparison.Ordinal);
        return start >= 0 ? line[start..] : line;
    }

    public void Dispose() => lab.Dispose();
}
