using System;
using System.Buffers.Binary;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Engine.Platform.Linux.Namespaces;
using Interop.Labs;

namespace Interop.L2tp;

/// <summary>
/// The RADIUS stand-in the l2tpns tests depend on, checked on its own: RFC 2865 section 7.1's
/// example Access-Request (user "nemo", password "arctangent", secret "xyzzy5461"; the vector is
/// self-consistent: its User-Password reveals "arctangent" and the RFC's Access-Accept carries the
/// Response Authenticator MD5 gives), PAP and CHAP refusals, accounting, duplicates.
/// </summary>
public sealed class RadiusStandInTests : IClassFixture<RadiusStandInTests.StandInLab>
{
    private const string Secret = "xyzzy5461";

    // RFC 2865 section 7.1, the Access-Request: NAS 192.168.1.16, port 3, user nemo, password arctangent.
    private static readonly byte[] RfcAccessRequest = Convert.FromHexString(
        "01000038" + "0f403f9473978057bd83d5cb98f4227a" + "01066e656d6f" + "02120dbe708d93d413ce3196e43f782a0aee" + "0406c0a80110" + "050600000003");

    private readonly StandInLab lab;

    public RadiusStandInTests(StandInLab lab)
    {
        this.lab = lab;
    }

    [Fact]
    public void The_rfc_2865_example_request_is_accepted_as_framed_ppp_with_a_correct_response_authenticator()
    {
        var response = lab.Exchange(RfcAccessRequest, RadiusStandIn.AuthenticationPort);

        Assert.NotNull(response);
        Assert.Equal(2, response[0]); // Access-Accept
        Assert.Equal(RfcAccessRequest[1], response[1]);
        Assert.Equal(response.Length, BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(2)));
        AssertResponseAuthenticator(response, RfcAccessRequest.AsSpan(4, 16));
        // Service-Type Framed (2), Framed-Protocol PPP (1).
        Assert.Equal(Convert.FromHexString("060600000002" + "070600000001"), response[20..]);
    }

    [Fact]
    public void A_wrong_pap_password_or_an_unknown_user_is_rejected()
    {
        var authenticator = RandomNumberGenerator.GetBytes(16);
        var wrongPassword = AccessRequest(7, authenticator, Attribute(1, "nemo"u8), Attribute(2, HidePassword("arctangenT"u8, authenticator)));
        var unknownUser = AccessRequest(8, authenticator, Attribute(1, "ahab"u8), Attribute(2, HidePassword("arctangent"u8, authenticator)));
        var noProof = AccessRequest(9, authenticator, Attribute(1, "nemo"u8));

        foreach (var request in new[] { wrongPassword, unknownUser, noProof })
        {
            var response = lab.Exchange(request, RadiusStandIn.AuthenticationPort);
            Assert.NotNull(response);
            Assert.Equal(3, response[0]); // Access-Reject
            Assert.Equal(request[1], response[1]);
            AssertResponseAuthenticator(response, authenticator);
        }
    }

    [Fact]
    public void Chap_is_checked_over_the_chap_challenge_or_else_the_request_authenticator()
    {
        var authenticator = RandomNumberGenerator.GetBytes(16);
        var challenge = RandomNumberGenerator.GetBytes(16);
        const byte identifier = 0x2a;
        byte[] Proof(ReadOnlySpan<byte> password, byte[] over) => [identifier, .. MD5.HashData([identifier, .. password, .. over])];

        var withChallenge = AccessRequest(20, authenticator, Attribute(1, "nemo"u8), Attribute(3, Proof("arctangent"u8, challenge)), Attribute(60, challenge));
        var overAuthenticator = AccessRequest(21, authenticator, Attribute(1, "nemo"u8), Attribute(3, Proof("arctangent"u8, authenticator)));
        var wrong = AccessRequest(22, authenticator, Attribute(1, "nemo"u8), Attribute(3, Proof("arctangenT"u8, challenge)), Attribute(60, challenge));

        Assert.Equal(2, lab.Exchange(withChallenge, RadiusStandIn.AuthenticationPort)![0]);
        Assert.Equal(2, lab.Exchange(overAuthenticator, RadiusStandIn.AuthenticationPort)![0]);
        Assert.Equal(3, lab.Exchange(wrong, RadiusStandIn.AuthenticationPort)![0]);
    }

    [Fact]
    public void Accounting_is_answered_only_when_its_request_authenticator_is_right()
    {
        // Acct-Status-Type Start, User-Name nemo; Request Authenticator = MD5(packet with 16 zero octets + secret).
        byte[] attributes = [.. Attribute(40, [0, 0, 0, 1]), .. Attribute(1, "nemo"u8)];
        var request = new byte[20 + attributes.Length];
        request[0] = 4;
        request[1] = 30;
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(2), (ushort)request.Length);
        attributes.CopyTo(request, 20);
        MD5.HashData([.. request, .. Encoding.ASCII.GetBytes(Secret)]).CopyTo(request, 4);

        var response = lab.Exchange(request, RadiusStandIn.AccountingPort);
        Assert.NotNull(response);
        Assert.Equal(5, response[0]); // Accounting-Response
        Assert.Equal(20, response.Length);
        AssertResponseAuthenticator(response, request.AsSpan(4, 16));
        Assert.Contains(lab.StandIn.Exchanges, e => e.Request == "Accounting-Request" && e.Detail == "Start" && e.UserName == "nemo");

        var forged = request.ToArray();
        forged[1] = 31;
        forged[5] ^= 0xFF;
        var discardedBefore = lab.StandIn.Discarded;
        Assert.Null(lab.Exchange(forged, RadiusStandIn.AccountingPort));
        Assert.Equal(discardedBefore + 1, lab.StandIn.Discarded);
    }

    [Fact]
    public void A_retransmitted_request_gets_the_same_answer_and_is_counted_once()
    {
        var authenticator = RandomNumberGenerator.GetBytes(16);
        var request = AccessRequest(40, authenticator, Attribute(1, "nemo"u8), Attribute(2, HidePassword("arctangent"u8, authenticator)));
        var before = lab.StandIn.Exchanges.Count;

        var first = lab.Exchange(request, RadiusStandIn.AuthenticationPort);
        var second = lab.Exchange(request, RadiusStandIn.AuthenticationPort);

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(before + 1, lab.StandIn.Exchanges.Count);
    }

    private static void AssertResponseAuthenticator(byte[] response, ReadOnlySpan<byte> requestAuthenticator)
    {
        byte[] input = [.. response.AsSpan(0, 4), .. requestAuthenticator, .. response.AsSpan(20), .. Encoding.ASCII.GetBytes(Secret)];
        Assert.Equal(MD5.HashData(input), response[4..20]);
    }

    private static byte[] AccessRequest(byte identifier, byte[] authenticator, params byte[][] attributes)
    {
        var body = attributes.SelectMany(attribute => attribute).ToArray();
        var packet = new byte[20 + body.Length];
        packet[0] = 1;
        packet[1] = identifier;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        authenticator.CopyTo(packet, 4);
        body.CopyTo(packet, 20);
        return packet;
    }

    private static byte[] Attribute(byte type, ReadOnlySpan<byte> value) => [type, (byte)(value.Length + 2), .. value];

    /// <summary>RFC 2865 section 5.2, written independently of the stand-in's reveal.</summary>
    private static byte[] HidePassword(ReadOnlySpan<byte> password, byte[] authenticator)
    {
        var padded = new byte[(password.Length + 15) / 16 * 16];
        password.CopyTo(padded);
        var previous = authenticator;
        for (var offset = 0; offset < padded.Length; offset += 16)
        {
            var key = MD5.HashData([.. Encoding.ASCII.GetBytes(Secret), .. previous]);
            for (var i = 0; i < 16; i++)
            {
                padded[offset + i] ^= key[i];
            }

            previous = padded[offset..(offset + 16)];
        }

        return padded;
    }

    /// <summary>One namespace with the stand-in on its loopback (user nemo, password arctangent) and a client socket beside it.</summary>
    public sealed class StandInLab : IDisposable
    {
        private readonly Lab lab = new("l2i");
        private readonly Socket client;

        public StandInLab()
        {
            try
            {
                var host = lab.AddHost("radius");
                StandIn = lab.Own(new RadiusStandIn(host.Name, IPAddress.Loopback, Secret, "nemo", "arctangent"));
                client = NetworkNamespace.Run(host.Name, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 500 });
            }
            catch
            {
                lab.Dispose();
                throw;
            }
        }

        internal RadiusStandIn StandIn { get; }

        /// <summary>Sends <paramref name="request"/> to the stand-in's port; its answer, or null when none came within 500 ms.</summary>
        public byte[]? Exchange(byte[] request, int port)
        {
            lock (client)
            {
                client.SendTo(request, new IPEndPoint(IPAddress.Loopback, port));
                var buffer = new byte[4096];
                try
                {
                    var length = client.Receive(buffer);
                    return buffer[..length];
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
                {
                    return null;
                }
            }
        }

        public void Dispose()
        {
            client?.Dispose();
            lab.Dispose();
        }
    }
}
