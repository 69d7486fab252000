using System.Buffers.Binary;
using Engine.Ike.Encoding;
using Engine.Ike.Encoding.Payloads;
using Engine.Ike.Encoding.Registry;
using Engine.Ike.Tests.Support;

namespace Engine.Ike.Tests.Encoding;

/// <summary>
/// Property: whatever bytes arrive, the codec answers with a message, false, or
/// <see cref="IsakmpProtocolException"/>, and nothing else; a message it accepts writes out to bytes
/// it accepts again, unchanged from then on. Seeded and bounded, so a failure reproduces.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int Seed = 20_500_4500;
    private const int Iterations = 40_000;

    [Fact]
    public void Mutated_messages_never_throw_anything_but_the_protocol_exception()
    {
        var random = new Random(Seed);
        var corpus = SampleMessages.All.Select(sample => sample.Bytes).ToArray();
        var accepted = 0;
        var refused = 0;
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var input = Mutate(corpus[random.Next(corpus.Length)], random);
            try
            {
                if (IsakmpMessage.TryParse(input, out var message))
                {
                    accepted++;
                    AssertStableRoundTrip(message!, iteration);
                }
            }
            catch (IsakmpProtocolException)
            {
                refused++;
            }
            catch (Exception exception)
            {
                Assert.Fail($"iteration {iteration} (seed {Seed}) threw {exception.GetType().Name}: {exception.Message}\ninput {Hex.Format(input)}");
            }
        }

        // The mutations must reach past the header checks often enough to mean something.
        Assert.True(accepted > Iterations / 50, $"only {accepted} mutated messages parsed");
        Assert.True(refused > Iterations / 5, $"only {refused} mutated messages were refused");
    }

    [Fact]
    public void Mutated_decrypted_bodies_never_throw_anything_but_the_protocol_exception()
    {
        var random = new Random(Seed + 1);
        var bodies = SampleMessages.All
            .Where(sample => !sample.Message.HasEncryptedBody && sample.Message.Payloads.Count > 0)
            .Select(sample => (First: sample.Message.Payloads[0].PayloadType, Body: IsakmpPayloadChain.ToArray(sample.Message.Payloads)))
            .ToArray();
        for (var iteration = 0; iteration < Iterations / 4; iteration++)
        {
            var (first, body) = bodies[random.Next(bodies.Length)];
            var mutated = Mutate(body, random, fixHeaderLength: false);
            var type = random.Next(8) == 0 ? (IsakmpPayloadType)random.Next(256) : first;
            var message = IsakmpMessage.CreateEncrypted(new IsakmpHeader { ExchangeType = IsakmpExchangeType.QuickMode }, type, []);
            try
            {
                var decrypted = message.WithDecryptedBody(mutated);
                IsakmpPayloadChain.ToArray(decrypted.Payloads);
            }
            catch (IsakmpProtocolException)
            {
            }
            catch (Exception exception)
            {
                Assert.Fail($"iteration {iteration} threw {exception.GetType().Name}: {exception.Message}\nbody {Hex.Format(mutated)}");
            }
        }
    }

    [Fact]
    public void Random_bytes_on_port_4500_are_classified_without_throwing()
    {
        var random = new Random(Seed + 2);
        for (var iteration = 0; iteration < 5_000; iteration++)
        {
            var datagram = new byte[random.Next(0, 64)];
            random.NextBytes(datagram);
            if (random.Next(3) == 0 && datagram.Length >= 4)
            {
                datagram.AsSpan(0, 4).Clear();
            }

            var kind = NatTraversalFraming.Classify(datagram);
            if (kind == UdpEncapsulatedDatagramKind.Ike && NatTraversalFraming.TryRemoveNonEspMarker(datagram, out var ike))
            {
                try
                {
                    IsakmpMessage.TryParse(ike, out _);
                }
                catch (IsakmpProtocolException)
                {
                }
            }
        }
    }

    private static void AssertStableRoundTrip(IsakmpMessage message, int iteration)
    {
        // Reserved fields are written as zero, so the first rewrite may differ from the input;
        // from then on the bytes must be a fixed point.
        var once = message.ToArray();
        Assert.True(IsakmpMessage.TryParse(once, out var again), $"iteration {iteration}: rewritten message does not parse");
        Assert.Equal(Hex.Format(once), Hex.Format(again!.ToArray()));
    }

    private static byte[] Mutate(byte[] original, Random random, bool fixHeaderLength = true)
    {
        var bytes = new List<byte>(original);
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations; m++)
        {
            var position = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0 when bytes.Count > 0:
                    bytes[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[position] = (byte)random.Next(256);
                    break;
                case 2 when bytes.Count > 0:
                    bytes[position] = random.Next(2) == 0 ? (byte)0 : (byte)0xff;
                    break;
                case 3:
                    bytes.Insert(position, (byte)random.Next(256));
                    break;
                case 4 when bytes.Count > 0:
                    bytes.RemoveRange(position, Math.Min(bytes.Count - position, random.Next(1, 9)));
                    break;
                case 5 when bytes.Count > 1:
                    // A payload length field: any big-endian 16-bit word after the header.
                    var at = Math.Min(position, bytes.Count - 2);
                    var value = (ushort)random.Next(0, 80);
                    bytes[at] = (byte)(value >> 8);
                    bytes[at + 1] = (byte)value;
                    break;
                case 6:
                    bytes.AddRange(Enumerable.Range(0, random.Next(1, 12)).Select(_ => (byte)random.Next(256)));
                    break;
                default:
                    if (bytes.Count > 0)
                    {
                        bytes.RemoveRange(position, bytes.Count - position);
                    }

                    break;
            }
        }

        var result = bytes.ToArray();
        if (fixHeaderLength && result.Length >= IsakmpHeader.Size && random.Next(4) != 0)
        {
            // Keep the header honest most of the time so mutations reach the payloads.
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(24), (uint)result.Length);
            result[17] = 0x10;
        }

        return result;
    }
}
