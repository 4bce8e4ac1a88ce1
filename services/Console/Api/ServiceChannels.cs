using Grpc.Net.Client;

namespace Platform.WebConsole.Api;

/// <summary>One gRPC channel per service address, shared by every page.</summary>
internal sealed class ServiceChannels : IDisposable
{
    public ServiceChannels(ConsoleOptions options)
    {
        var channels = new Dictionary<Uri, GrpcChannel>();
        GrpcChannel For(Uri address)
        {
            if (!channels.TryGetValue(address, out var channel))
            {
                channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
                channels[address] = channel;
            }

            return channel;
        }

        Scoring = For(options.Scoring);
        Redemption = For(options.Redemption);
        Dividends = For(options.Dividends);
        all = [.. channels.Values];
    }

    private readonly List<GrpcChannel> all;

    public GrpcChannel Scoring { get; }

    public GrpcChannel Redemption { get; }

    public GrpcChannel Dividends { get; }

    public void Dispose()
    {
        foreach (var channel in all)
        {
            channel.Dispose();
        }
    }
}
