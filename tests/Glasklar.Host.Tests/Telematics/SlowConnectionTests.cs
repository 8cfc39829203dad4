using System.Net.Sockets;
using Glasklar.Host.Tests.Infrastructure;
using Glasklar.Telematics;
using Glasklar.Telematics.Protocols.Teltonika;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Tests.Telematics;

/// <summary>Idle connections and frames that trickle in too slowly are cut (short timeouts configured for the test).</summary>
public sealed class SlowConnectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_idle_connection_and_a_slow_frame_are_closed_by_the_server()
    {
        await using var database = await Providers.CreateDatabaseAsync(Providers.Sqlite);
        await using var factory = new GlasklarFactory(database, new Dictionary<string, string?>
        {
            ["Telematics:IdleTimeout"] = "00:00:01",
            ["Telematics:FrameTimeout"] = "00:00:01",
        });
        _ = factory.Server;
        var port = await factory.Services.GetRequiredService<TelematicsEndpoints>().TeltonikaPort.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Idle before the handshake completes.
        using (var idle = new TcpClient())
        {
            await idle.ConnectAsync("127.0.0.1", port, Ct);
            (await ReadsEndAsync(idle.GetStream())).ShouldBeTrue();
        }

        // A slow sender: half an IMEI frame, then nothing.
        using var slow = new TcpClient();
        await slow.ConnectAsync("127.0.0.1", port, Ct);
        await slow.GetStream().WriteAsync(TeltonikaEncoder.Imei("356307042441013").AsMemory(0, 6), Ct);
        (await ReadsEndAsync(slow.GetStream())).ShouldBeTrue();
    }

    private static async Task<bool> ReadsEndAsync(NetworkStream stream)
    {
        var buffer = new byte[8];
        try
        {
            return await stream.ReadAsync(buffer, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
