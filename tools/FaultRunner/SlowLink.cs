using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.FaultRunner;

/// <summary>
/// A small TCP proxy on loopback between Redemption and Scoring's balancer. Normally it only
/// forwards; while <see cref="Delay"/> is set, every chunk in either direction waits that long
/// before it is passed on (a slow link: calls to Scoring time out, answers arrive late).
/// </summary>
internal sealed class SlowLink : IAsyncDisposable
{
    private readonly int targetPort;
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> open = new();
    private long delayMs;

    public SlowLink(int port, int targetPort)
    {
        this.targetPort = targetPort;
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _ = AcceptAsync();
    }

    public TimeSpan Delay
    {
        get => TimeSpan.FromMilliseconds(Interlocked.Read(ref delayMs));
        set => Interlocked.Exchange(ref delayMs, (long)value.TotalMilliseconds);
    }

    public ValueTask DisposeAsync()
    {
        stopping.Cancel();
        listener.Stop();
        foreach (var socket in open.Keys)
        {
            Close(socket);
        }

        stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        open[client] = 0;
        open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The balancer is not there, or one side hung up: both sides close below.
        }
        finally
        {
            Close(client);
            Close(upstream);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                var delay = Delay;
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, stopping.Token);
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed by the other pump or at the end.
        }
    }

    private void Close(Socket socket)
    {
        open.TryRemove(socket, out _);
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }
}
