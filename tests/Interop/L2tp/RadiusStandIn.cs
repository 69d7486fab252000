using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Engine.Platform.Linux.Namespaces;

namespace Interop.L2tp;

/// <summary>
/// A RADIUS server for one user, enough for l2tpns (which authenticates PPP only through RADIUS):
/// RFC 2865 Access-Request on one port, answered Access-Accept (Service-Type Framed, Framed-Protocol
/// PPP) when the PAP User-Password (hidden as section 5.2 says) or the CHAP-Password (section 5.3,
/// over the CHAP-Challenge or else the Request Authenticator) proves the configured password, and
/// Access-Reject otherwise; RFC 2866 Accounting-Request on the other, answered Accounting-Response
/// when its Request Authenticator is right. Every answer carries the MD5 Response Authenticator.
/// A request with a bad Message-Authenticator (RFC 3579 3.2) or a bad accounting authenticator is
/// silently discarded and counted, as the RFCs require. A retransmitted request (same source,
/// identifier and authenticator) gets the same answer again (RFC 2865 section 3 duplicates).
/// The sockets are created inside the given network namespace, each served by its own thread.
/// </summary>
internal sealed class RadiusStandIn : IDisposable
{
    public const int AuthenticationPort = 1812;
    public const int AccountingPort = 1813;

    private const byte AccessRequest = 1;
    private const byte AccessAccept = 2;
    private const byte AccessReject = 3;
    private const byte AccountingRequest = 4;
    private const byte AccountingResponse = 5;
    private const byte UserNameAttribute = 1;
    private const byte UserPasswordAttribute = 2;
    private const byte ChapPasswordAttribute = 3;
    private const byte ServiceTypeAttribute = 6;
    private const byte FramedProtocolAttribute = 7;
    private const byte ReplyMessageAttribute = 18;
    private const byte AcctStatusTypeAttribute = 40;
    private const byte ChapChallengeAttribute = 60;
    private const byte MessageAuthenticatorAttribute = 80;
    private const uint ServiceTypeFramed = 2;
    private const uint FramedProtocolPpp = 1;
    private const int HeaderLength = 20;
    private const int MaximumLength = 4096;

    private readonly byte[] secret;
    private readonly string userName;
    private readonly byte[] password;
    private readonly Socket[] sockets;
    private readonly Thread[] threads;
    private readonly object gate = new();
    private readonly List<RadiusExchange> exchanges = new();
    private readonly Dictionary<string, byte[]> answered = new(StringComparer.Ordinal);
    private int discarded;
    private volatile bool disposed;

    public RadiusStandIn(string networkNamespace, IPAddress address, string sharedSecret, string userName, string password)
    {
        secret = Encoding.UTF8.GetBytes(sharedSecret);
        this.userName = userName;
        this.password = Encoding.UTF8.GetBytes(password);
        sockets = NetworkNamespace.Run(networkNamespace, () => new[] { Open(address, AuthenticationPort), Open(address, AccountingPort) });
        threads = sockets.Select(socket => new Thread(() => Serve(socket)) { IsBackground = true, Name = $"radius {socket.LocalEndPoint}" }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }
    }

    /// <summary>Every request answered, in order.</summary>
    public IReadOnlyList<RadiusExchange> Exchanges
    {
        get
        {
            lock (gate)
            {
                return exchanges.ToList();
            }
        }
    }

    /// <summary>Requests dropped: malformed, wrong authenticator, or a code the port does not serve.</summary>
    public int Discarded => Volatile.Read(ref discarded);

    public void Dispose()
    {
        disposed = true;
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }

        foreach (var thread in threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private static Socket Open(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 250 };
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Serve(Socket socket)
    {
        var buffer = new byte[MaximumLength];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        var accounting = ((IPEndPoint)socket.LocalEndPoint!).Port == AccountingPort;
        while (!disposed)
        {
            int length;
            try
            {
                length = socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException) when (!disposed)
            {
                continue; // the receive timeout
            }
            catch (Exception) when (disposed)
            {
                return;
            }

            var answer = Answer(buffer.AsSpan(0, length), (IPEndPoint)from, accounting);
            if (answer is null)
            {
                Interlocked.Increment(ref discarded);
                continue;
            }

            try
            {
                socket.SendTo(answer, from);
            }
            catch (SocketException)
            {
                // The NAS retransmits.
            }
        }
    }

    /// <summary>The response to one datagram, or null to discard it.</summary>
    private byte[]? Answer(ReadOnlySpan<byte> datagram, IPEndPoint from, bool accounting)
    {
        if (datagram.Length < HeaderLength)
        {
            return null;
        }

        var code = datagram[0];
        var identifier = datagram[1];
        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (length < HeaderLength || length > datagram.Length || length > MaximumLength)
        {
            return null; // octets beyond Length are padding (RFC 2865 section 3); fewer mean a damaged packet
        }

        var packet = datagram[..length].ToArray();
        var requestAuthenticator = packet.AsSpan(4, 16).ToArray();
        if (!TryParseAttributes(packet.AsSpan(HeaderLength), out var attributes))
        {
            return null;
        }

        var duplicateKey = $"{from}/{identifier}/{Convert.ToHexString(requestAuthenticator)}";
        lock (gate)
        {
            if (answered.TryGetValue(duplicateKey, out var earlier))
            {
                return earlier;
            }
        }

        byte[] response;
        RadiusExchange exchange;
        var user = attributes.TryGetValue(UserNameAttribute, out var name) ? Encoding.UTF8.GetString(name) : null;
        if (!accounting && code == AccessRequest)
        {
            var messageAuthenticator = attributes.GetValueOrDefault(MessageAuthenticatorAttribute);
            if (messageAuthenticator is not null && !MessageAuthenticatorMatches(packet, messageAuthenticator))
            {
                return null;
            }

            var (method, accepted) = Verify(user, attributes, requestAuthenticator);
            var replyAttributes = accepted
                ? Attribute(ServiceTypeAttribute, UInt32(ServiceTypeFramed)).Concat(Attribute(FramedProtocolAttribute, UInt32(FramedProtocolPpp)))
                : Attribute(ReplyMessageAttribute, Encoding.UTF8.GetBytes("Authentication failed"));
            response = Respond(accepted ? AccessAccept : AccessReject, identifier, requestAuthenticator, replyAttributes.ToArray(),
                withMessageAuthenticator: messageAuthenticator is not null);
            exchange = new RadiusExchange("Access-Request", user, method, accepted ? "Access-Accept" : "Access-Reject", from);
        }
        else if (accounting && code == AccountingRequest)
        {
            if (!AccountingAuthenticatorMatches(packet))
            {
                return null;
            }

            var status = attributes.TryGetValue(AcctStatusTypeAttribute, out var value) && value.Length == 4
                ? BinaryPrimitives.ReadUInt32BigEndian(value) switch
                {
                    1 => "Start",
                    2 => "Stop",
                    3 => "Interim-Update",
                    7 => "Accounting-On",
                    8 => "Accounting-Off",
                    var other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
                : "none";
            response = Respond(AccountingResponse, identifier, requestAuthenticator, [], withMessageAuthenticator: false);
            exchange = new RadiusExchange("Accounting-Request", user, status, "Accounting-Response", from);
        }
        else
        {
            return null;
        }

        lock (gate)
        {
            answered[duplicateKey] = response;
            exchanges.Add(exchange);
        }

        return response;
    }

    /// <summary>Which proof the request carries and whether it proves the configured user's password.</summary>
    private (string Method, bool Accepted) Verify(string? user, Dictionary<byte, byte[]> attributes, byte[] requestAuthenticator)
    {
        var known = user is not null && string.Equals(user, userName, StringComparison.Ordinal);
        if (attributes.TryGetValue(UserPasswordAttribute, out var hidden))
        {
            var revealed = RevealPassword(hidden, requestAuthenticator);
            var matches = revealed is not null && CryptographicOperations.FixedTimeEquals(revealed, password);
            return ("PAP", known && matches);
        }

        if (attributes.TryGetValue(ChapPasswordAttribute, out var chap) && chap.Length == 17)
        {
            var challenge = attributes.TryGetValue(ChapChallengeAttribute, out var given) ? given : requestAuthenticator;
            var expected = MD5.HashData([chap[0], .. password, .. challenge]);
            return ("CHAP", known && CryptographicOperations.FixedTimeEquals(expected, chap.AsSpan(1)));
        }

        return ("none", false);
    }

    /// <summary>
    /// RFC 2865 section 5.2: the password, padded with zeros to a multiple of 16, XORed block by
    /// block with MD5(secret + the Request Authenticator) and then MD5(secret + the previous
    /// ciphertext block). Null when the attribute has an impossible length (16 to 128, a multiple of 16).
    /// </summary>
    private byte[]? RevealPassword(byte[] hidden, byte[] requestAuthenticator)
    {
        if (hidden.Length is < 16 or > 128 || hidden.Length % 16 != 0)
        {
            return null;
        }

        var clear = new byte[hidden.Length];
        var previous = requestAuthenticator;
        for (var offset = 0; offset < hidden.Length; offset += 16)
        {
            var key = MD5.HashData([.. secret, .. previous]);
            for (var i = 0; i < 16; i++)
            {
                clear[offset + i] = (byte)(hidden[offset + i] ^ key[i]);
            }

            previous = hidden.AsSpan(offset, 16).ToArray();
        }

        var end = clear.Length;
        while (end > 0 && clear[end - 1] == 0)
        {
            end--;
        }

        return clear[..end];
    }

    /// <summary>RFC 3579 section 3.2: HMAC-MD5 over the Access-Request with the Message-Authenticator's value zeroed.</summary>
    private bool MessageAuthenticatorMatches(byte[] packet, byte[] value)
    {
        if (value.Length != 16)
        {
            return false;
        }

        var copy = packet.ToArray();
        var offset = FindAttributeValue(copy, MessageAuthenticatorAttribute);
        copy.AsSpan(offset, 16).Clear();
        return CryptographicOperations.FixedTimeEquals(HMACMD5.HashData(secret, copy), value);
    }

    /// <summary>RFC 2866 section 3: MD5(Code + Identifier + Length + 16 zero octets + attributes + secret).</summary>
    private bool AccountingAuthenticatorMatches(byte[] packet)
    {
        var copy = packet.ToArray();
        copy.AsSpan(4, 16).Clear();
        var expected = MD5.HashData([.. copy, .. secret]);
        return CryptographicOperations.FixedTimeEquals(expected, packet.AsSpan(4, 16));
    }

    /// <summary>
    /// A response: RFC 2865 section 3, Response Authenticator = MD5(Code + ID + Length + Request
    /// Authenticator + attributes + secret); with a Message-Authenticator first computed over the
    /// packet with the Request Authenticator in place (RFC 3579 section 3.2).
    /// </summary>
    private byte[] Respond(byte code, byte identifier, byte[] requestAuthenticator, byte[] attributes, bool withMessageAuthenticator)
    {
        if (withMessageAuthenticator)
        {
            attributes = [.. attributes, .. Attribute(MessageAuthenticatorAttribute, new byte[16])];
        }

        var packet = new byte[HeaderLength + attributes.Length];
        packet[0] = code;
        packet[1] = identifier;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        requestAuthenticator.CopyTo(packet, 4);
        attributes.CopyTo(packet, HeaderLength);
        if (withMessageAuthenticator)
        {
            HMACMD5.HashData(secret, packet).CopyTo(packet, FindAttributeValue(packet, MessageAuthenticatorAttribute));
        }

        MD5.HashData([.. packet, .. secret]).CopyTo(packet, 4);
        return packet;
    }

    private static int FindAttributeValue(byte[] packet, byte type)
    {
        for (var offset = HeaderLength; offset + 2 <= packet.Length; offset += packet[offset + 1])
        {
            if (packet[offset] == type)
            {
                return offset + 2;
            }
        }

        throw new InvalidOperationException($"attribute {type} is not in the packet");
    }

    /// <summary>The attributes, first of each type; false when one runs past the end or is shorter than 2.</summary>
    private static bool TryParseAttributes(ReadOnlySpan<byte> data, out Dictionary<byte, byte[]> attributes)
    {
        attributes = new Dictionary<byte, byte[]>();
        while (!data.IsEmpty)
        {
            if (data.Length < 2 || data[1] < 2 || data[1] > data.Length)
            {
                return false;
            }

            attributes.TryAdd(data[0], data[2..data[1]].ToArray());
            data = data[data[1]..];
        }

        return true;
    }

    private static byte[] Attribute(byte type, byte[] value) => [type, (byte)(value.Length + 2), .. value];

    private static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
