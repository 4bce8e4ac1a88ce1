using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.Integration.Tests.Outage;

/// <summary>
/// A loopback port that forwards to a server until it is cut: then every open connection is
/// dropped and nothing listens on the port (a connect is refused) until it is restored. Lets a
/// test take a shared server away from one service without touching the server.
/// </summary>
internal sealed class TcpSwitch : IAsyncDisposable
{
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly ConcurrentDictionary<Socket, byte> open = new();
    private readonly CancellationTokenSource stopping = new();
    private TcpListener? listener;

    public TcpSwitch(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Port = Listen(0);
    }

    public int Port { get; }

    /// <summary>Drops every forwarded connection and stops listening.</summary>
    public void Cut()
    {
        Interlocked.Exchange(ref listener, null)?.Stop();
        foreach (var socket in open.Keys)
        {
            Close(socket);
        }
    }

    public void Restore() => Listen(Port);

    public ValueTask DisposeAsync()
    {
        stopping.Cancel();
        Cut();
        stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private int Listen(int port)
    {
        var server = new TcpListener(IPAddress.Loopback, port);
        server.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        server.Start();
        listener = server;
        _ = AcceptAsync(server);
        return ((IPEndPoint)server.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener server)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await server.AcceptSocketAsync(stopping.Token);
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
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        open[client] = 0;
        open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(targetHost, targetPort, stopping.Token);
            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The switch was cut, or one side hung up: both sides close below.
        }
        finally
        {
            Close(client);
            Close(upstream);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closed by the other pump or by Cut.
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
