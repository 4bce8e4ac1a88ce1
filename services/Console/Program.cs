namespace Platform.WebConsole;

/// <summary>
/// The console as its own process (distributed mode): `Platform:Console:Scoring`, `…:Redemption`
/// and `…:Dividends` name the services' gRPC addresses; `Platform:Auth:SigningKey` is the key
/// that signs people's tokens, which only the console holds.
/// </summary>
internal sealed class Program
{
    public static int Main(string[] args)
    {
        if (ConsoleCommands.Requested(args))
        {
            return ConsoleCommands.Run(args);
        }

        var app = ConsoleApp.Build(args);
        app.Lifetime.ApplicationStarted.Register(() =>
            Console.WriteLine($"Love-points console is ready: {app.Services.GetRequiredService<ConsoleOptions>().Url}/"));
        app.Run();
        return 0;
    }
}
