using Glasklar.Telematics.Protocols.Teltonika;

namespace Glasklar.Telematics.Tests.Protocols;

/// <summary>Random and mutated packets never crash the frame decoder or decoder: each yields a frame status or a decode error.</summary>
public sealed class TeltonikaFuzzTests
{
    [Fact]
    public void Mutated_and_random_packets_never_throw_and_a_changed_packet_never_passes_the_crc_unnoticed()
    {
        var random = new Random(20261203);
        var valid = Convert.FromHexString(TeltonikaCodecTests.Codec8E);
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = (byte[])valid.Clone();
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            if (i % 4 == 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }
            else if (i % 4 == 1)
            {
                random.NextBytes(bytes);
            }

            var frame = TeltonikaFrameDecoder.ReadAvl(bytes, 4096);
            TeltonikaFrameDecoder.ReadImei(bytes);
            if (frame.Status == FrameStatus.Complete)
            {
                var packet = TeltonikaDecoder.Decode(bytes.AsSpan(frame.PayloadOffset, frame.PayloadLength), out var error);
                (packet is null).ShouldBe(error is not null);
                if (packet is not null && !bytes.AsSpan(0, frame.Length).SequenceEqual(valid))
                {
                    accepted++;
                }
            }

            // The decoder alone, on arbitrary data fields (as if the CRC had matched by chance).
            TeltonikaDecoder.Decode(bytes, out _);
        }

        // CRC-16 lets about 1 in 65,536 random changes through; then the decoder's length checks still apply.
        accepted.ShouldBeLessThan(3);
    }
}
