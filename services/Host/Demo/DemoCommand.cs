using System.CommandLine;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Security;

namespace Platform.Host.Demo;

/// <summary>
/// `demo`: seeds a demo county into an empty data folder, so a newcomer finds three months of
/// history (posted points, stock, redemptions, a paid distribution) and an account for each role.
/// The history is written through the services' own RPCs on a host whose clock starts three months
/// ago; the journal is verified at the end, and the command fails if it does not hold.
/// </summary>
internal static class DemoCommand
{
    public const string Name = "demo";

    public static Command Create()
    {
        var command = new Command(Name,
            "Seeds a demo county into an empty data folder: a village of 30 households, its review panel, three months of posted "
            + "awards and deductions, a love supermarket with two counters, stock, redemptions and a return, a cooperative with a paid "
            + "distribution, and a console account for each role (passwords printed). Settings may follow as --Section:Key=Value "
            + "(for example --Platform:DataFolder=DIR).");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            var error = result.InvocationConfiguration.Error;
            string[] settings;
            try
            {
                settings = CommandSettings.From(result);
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return 2;
            }

            return await RunAsync(settings, result.InvocationConfiguration.Output, error, ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(string[] settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var configuration = HostConfiguration.From(settings);
        var platform = PlatformOptions.From(configuration);
        if (platform.Mode != PlatformMode.Embedded)
        {
            await error.WriteLineAsync("The demo seeds the embedded host's data folder; it does not run in distributed mode.");
            return 2;
        }

        var folder = platform.DataFolder;
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            await error.WriteLineAsync($"The data folder {folder} is not empty, and the demo seeds only an empty one. "
                + "Choose another folder: demo --Platform:DataFolder=DIR");
            return 1;
        }

        var started = Stopwatch.StartNew();
        await output.WriteLineAsync($"Seeding the demo county into {folder} …");
        DemoFigures figures;
        try
        {
            figures = await WriteHistoryAsync(settings, ct);
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or TimeoutException)
        {
            await error.WriteLineAsync($"The demo stopped: {ex.Message}");
            await error.WriteLineAsync($"The folder {folder} now holds part of the county; delete it before trying again.");
            return 1;
        }

        var accounts = await DemoAccounts.CreateAsync(settings, ct);
        Report(output, folder, figures, accounts, started.Elapsed);
        if (!figures.JournalIntact)
        {
            await error.WriteLineAsync("The journal does not hold: the demo's history is not consistent.");
            return 1;
        }

        return 0;
    }

    private static async Task<DemoFigures> WriteHistoryAsync(string[] settings, CancellationToken ct)
    {
        var today = DateTimeOffset.UtcNow;
        var clock = new DemoClock(DemoHistory.Start(today));
        string[] args =
        [
            .. settings,
            "--Platform:BackgroundJobs=false",
            "--urls=http://127.0.0.1:0",
            "--Kestrel:EndpointDefaults:Protocols=Http2",
        ];
        // A refusal stops the demo and is printed; the host's own log is not for the reader.
        await using var app = Program.Build(args, services => services
            .AddSingleton<TimeProvider>(clock)
            .AddLogging(logging => logging.ClearProviders()));
        await app.StartAsync(ct);
        try
        {
            // The host's own key, so the calls are checked as any client's would be.
            var keys = app.Services.GetRequiredService<SigningKeys>();
            var signing = keys.Signing ?? throw new InvalidOperationException("The host has no signing key.");
            var token = TokenIssuer.Mint(signing, keys.Issuer,
                new TokenRequest("demo", [Role.CountyAdmin, Role.VillageAdmin, Role.PanelMember, Role.Clerk, Role.CooperativeAccountant],
                    TimeSpan.FromHours(1))
                {
                    Villages = [ScopeClaims.Everything],
                    Supermarkets = [ScopeClaims.Everything],
                    Cooperatives = [ScopeClaims.Everything],
                });
            using var channel = GrpcChannel.ForAddress(Program.GrpcAddress(app), new GrpcChannelOptions
            {
                Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("authorization", "Bearer " + token);
                    return Task.CompletedTask;
                })),
                UnsafeUseInsecureChannelCallCredentials = true,
            });
            // The cooperative's board signs its approval in person: a cooperative_board token per rostered person.
            var boardChannels = new List<GrpcChannel>();
            GrpcChannel BoardChannel(string subject)
            {
                var own = TokenIssuer.Mint(signing, keys.Issuer,
                    new TokenRequest(subject, [Role.CooperativeBoard], TimeSpan.FromHours(1)) { Cooperatives = [DemoCounty.Cooperative] });
                var board = GrpcChannel.ForAddress(Program.GrpcAddress(app), new GrpcChannelOptions
                {
                    Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
                    {
                        metadata.Add("authorization", "Bearer " + own);
                        return Task.CompletedTask;
                    })),
                    UnsafeUseInsecureChannelCallCredentials = true,
                });
                boardChannels.Add(board);
                return board;
            }

            try
            {
                var history = new DemoHistory(channel, BoardChannel, clock, today);
                await history.WriteAsync(ct);
                return history.Figures;
            }
            finally
            {
                boardChannels.ForEach(c => c.Dispose());
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static void Report(TextWriter output, string folder, DemoFigures f, List<DemoAccounts.Created> accounts, TimeSpan took)
    {
        output.WriteLine($"Seeded in {took.TotalSeconds:0.0} s:");
        output.WriteLine($"  village {DemoCounty.Village} {DemoCounty.VillageName} ({DemoCounty.Township}, {DemoCounty.County}): {f.Households} households, a panel of {DemoCounty.Panel.Count}");
        output.WriteLine($"  {f.Posted} awards and deductions posted over three months (+{f.Totals.Awarded} and −{f.Totals.Deducted} points), "
            + $"{f.OnNotice} on the notice board today");
        output.WriteLine($"  balances Σ {f.Totals.Balance} points = {f.Totals.Posted} posted − {f.Totals.Captured} spent (less returns)");
        output.WriteLine($"  supermarket {DemoCounty.Supermarket} {DemoCounty.SupermarketName}, counters {DemoCounty.Counter1} and {DemoCounty.Counter2}: "
            + $"{f.Lots} lots received, {f.Orders} redemptions ({f.PointsSpent} points), order {f.ReturnedOrder} partly returned ({f.PointsRefunded} points back)");
        output.WriteLine($"  cooperative {DemoCounty.Cooperative} {DemoCounty.CooperativeName}: {f.CooperativeMembers} members, "
            + $"distribution {f.DistributionId} of {f.AllocatedFen / 100m:0.00} yuan, {f.PayoutsPaid} payouts paid");
        output.WriteLine("Journal:");
        foreach (var line in f.Journal)
        {
            output.WriteLine("  " + line);
        }

        output.WriteLine();
        output.WriteLine("Console accounts (one-time passwords, to be changed at the first sign-in):");
        output.WriteLine($"  {"user name",-16} {"role",-24} {"password",-14} who");
        foreach (var a in accounts)
        {
            output.WriteLine($"  {a.UserName,-16} {a.Role,-24} {a.Password,-14} {a.Who}");
        }

        output.WriteLine();
        output.WriteLine("Start the platform on it, then open the console's address it prints:");
        output.WriteLine($"  dotnet run --project services/Host -- --Platform:DataFolder={folder}");
    }
}
