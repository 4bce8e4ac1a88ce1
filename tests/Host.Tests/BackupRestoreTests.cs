using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Redemption.V1;
using Platform.Contracts.Scoring.V1;
using Platform.Host.Demo;
using Platform.Testing;
using Platform.WebConsole;
using Platform.WebConsole.Accounts;
using Xunit;

namespace Platform.Host.Tests;

/// <summary>
/// `backup` taken from the demo county while a host serves it, and `restore` into a new folder,
/// seen as a village office sees it: a host started on the restored folder answers as the
/// original did.
/// </summary>
public sealed class BackupRestoreTests(DemoCountyRun demo) : IClassFixture<DemoCountyRun>, IDisposable
{
    private readonly TempFolder backups = new();
    private readonly TempFolder restored = new();

    public void Dispose()
    {
        backups.Dispose();
        restored.Dispose();
    }

    [Fact]
    public async Task A_folder_restored_from_a_backup_taken_while_the_host_runs_serves_the_same_balances_and_stock()
    {
        Assert.True(demo.Exit == 0, demo.Error);
        var original = await FiguresAsync(demo.App.Channel);

        var archive = Backup();
        Assert.Equal(original, await FiguresAsync(demo.App.Channel));
        var (exit, output, error) = Restore(archive, restored.Path);

        Assert.True(exit == 0, error + output);
        Assert.Contains("INTACT", output, StringComparison.Ordinal);
        await using var host = await EmbeddedHost.StartAsync(restored.Path);
        Assert.Equal(original, await FiguresAsync(host.Channel));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(restored.Path, "auth", "signing-key.pem")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive));
        }
    }

    [Fact]
    public async Task A_backup_taken_while_households_redeem_restores_to_an_intact_journal_and_consistent_balances()
    {
        using var stop = new CancellationTokenSource();
        var redeemed = 0;
        var counter = Task.Run(() => RedeemUntilStoppedAsync(demo.App.Channel, () => Interlocked.Increment(ref redeemed), stop.Token));
        await Poller.UntilAsync(() => Volatile.Read(ref redeemed) >= 2 || counter.IsCompleted, "households have redeemed");
        var before = Volatile.Read(ref redeemed);

        var archive = await Task.Run(Backup);
        await Poller.UntilAsync(() => Volatile.Read(ref redeemed) >= before + 2 || counter.IsCompleted, "households redeem after the backup");
        await stop.CancelAsync();
        await counter;
        var (exit, output, error) = Restore(archive, restored.Path);

        Assert.True(exit == 0, error + output);
        Assert.Matches(@"520324105201: INTACT", output);
        await using var host = await EmbeddedHost.StartAsync(restored.Path);
        var ledger = new Ledger.LedgerClient(host.Channel);
        var totals = await ledger.GetVillageTotalsAsync(new GetVillageTotalsRequest { VillageCode = DemoCounty.Village });
        Assert.Equal(totals.Posted - totals.Captured, totals.Balance);
        foreach (var number in DemoCounty.Numbers)
        {
            var balance = await ledger.GetBalanceAsync(new HouseholdRef { VillageCode = DemoCounty.Village, HouseholdNumber = number });
            Assert.Equal(balance.Balance_ - balance.Held, balance.Available);
        }
    }

    [Fact]
    public void An_archive_with_one_byte_of_a_database_changed_is_refused_naming_the_file()
    {
        var archive = Backup();
        var tampered = Path.Combine(backups.Path, "tampered.tar.gz");
        ChangeOneByte(archive, "data/scoring.db", tampered);

        var (exit, _, error) = Restore(tampered, restored.Path);

        Assert.Equal(1, exit);
        Assert.Contains("scoring.db does not match the manifest", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(restored.Path));
    }

    [Fact]
    public void A_damaged_archive_is_refused_and_nothing_is_restored()
    {
        var archive = Backup();
        var bytes = File.ReadAllBytes(archive);
        bytes[bytes.Length / 2] ^= 0x5a;
        File.WriteAllBytes(archive, bytes);

        var (exit, _, error) = Restore(archive, restored.Path);

        Assert.Equal(1, exit);
        Assert.Contains(archive, error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(restored.Path));
    }

    [Fact]
    public void Restoring_into_a_folder_that_is_not_empty_is_refused_and_leaves_it_alone()
    {
        var archive = Backup();
        var notes = Path.Combine(restored.Path, "notes.txt");
        File.WriteAllText(notes, "村委会");

        var (exit, _, error) = Restore(archive, restored.Path);

        Assert.Equal(1, exit);
        Assert.Contains("is not empty", error, StringComparison.Ordinal);
        Assert.Equal([notes], Directory.EnumerateFileSystemEntries(restored.Path));
    }

    [Fact]
    public void A_backup_never_overwrites_a_file()
    {
        var existing = Path.Combine(backups.Path, "yesterday.tar.gz");
        File.WriteAllText(existing, "yesterday's backup");

        var (exit, _, error) = demo.Run("backup", "--to", existing, $"--Platform:DataFolder={demo.Data.Path}");

        Assert.Equal(1, exit);
        Assert.Contains("exists already", error, StringComparison.Ordinal);
        Assert.Equal("yesterday's backup", File.ReadAllText(existing));
    }

    [Fact]
    public async Task The_restored_console_accounts_still_sign_in_with_their_passwords()
    {
        var archive = Backup();
        Assert.Equal(0, Restore(archive, restored.Path).Exit);

        await using var console = ConsoleApp.Build([$"--Platform:DataFolder={restored.Path}", "--Logging:LogLevel:Default=Warning"]);
        await using var scope = console.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AccountStore>();
        foreach (var draft in DemoAccounts.Drafts)
        {
            var line = Regex.Match(demo.Output, $@"^\s+{Regex.Escape(draft.UserName)}\s+\S+\s+(\S+)\s", RegexOptions.Multiline);
            Assert.True(line.Success, $"The demo's output names no password for {draft.UserName}.");

            var result = await store.CheckPasswordAsync(draft.UserName, line.Groups[1].Value);

            Assert.Equal(SignInOutcome.Success, result.Outcome);
        }
    }

    private string Backup()
    {
        var archive = Path.Combine(backups.Path, $"county-{Guid.NewGuid():N}.tar.gz");
        var (exit, output, error) = demo.Run("backup", "--to", archive, $"--Platform:DataFolder={demo.Data.Path}");
        Assert.True(exit == 0, error);
        Assert.Contains("scoring.db", output, StringComparison.Ordinal);
        return archive;
    }

    private (int Exit, string Output, string Error) Restore(string archive, string folder) =>
        demo.Run("restore", "--from", archive, $"--Platform:DataFolder={folder}");

    /// <summary>Every household's balance, the village's totals and the supermarket's stock with its lots, as text.</summary>
    private static async Task<string> FiguresAsync(GrpcChannel channel)
    {
        var ledger = new Ledger.LedgerClient(channel);
        var figures = new StringBuilder();
        foreach (var number in DemoCounty.Numbers)
        {
            figures.AppendLine((await ledger.GetBalanceAsync(new HouseholdRef { VillageCode = DemoCounty.Village, HouseholdNumber = number })).ToString());
        }

        figures.AppendLine((await ledger.GetVillageTotalsAsync(new GetVillageTotalsRequest { VillageCode = DemoCounty.Village })).ToString());
        figures.AppendLine((await new Reports.ReportsClient(channel).StockOnHandAsync(new StockOnHandRequest { SupermarketCode = DemoCounty.Supermarket })).ToString());
        return figures.ToString();
    }

    /// <summary>A counter redeeming one unit of whatever a household may take, household after household, until stopped.</summary>
    private static async Task RedeemUntilStoppedAsync(GrpcChannel channel, Action redeemed, CancellationToken stop)
    {
        var counter = new Counter.CounterClient(channel);
        var items = (await new Goods.GoodsClient(channel).ListItemsAsync(new ListItemsRequest { SupermarketCode = DemoCounty.Supermarket }))
            .Items.Where(i => i.LimitPerHousehold == 0 && i.Eligibility is Eligibility.Any or Eligibility.Unspecified).OrderBy(i => i.PricePoints).ToList();
        Assert.NotEmpty(items);
        var turn = 0;
        while (!stop.IsCancellationRequested)
        {
            var number = DemoCounty.Numbers.ElementAt(turn % 30);
            var item = items[turn / 30 % items.Count];
            turn++;
            try
            {
                var receipt = await counter.RedeemAsync(new RedeemRequest
                {
                    OrderId = $"BK-{Guid.NewGuid():N}", CounterCode = DemoCounty.Counter1, VillageCode = DemoCounty.Village,
                    HouseholdNumber = number, Actor = DemoCounty.Clerk1, Lines = { new RedeemLine { Sku = item.Sku, Quantity = 1 } },
                }, cancellationToken: CancellationToken.None);
                if (receipt.Status == OrderStatus.Completed)
                {
                    redeemed();
                }
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.FailedPrecondition or StatusCode.ResourceExhausted or StatusCode.Aborted)
            {
                // Not enough points or stock for this household: the next one comes.
            }

            if (turn > 30 * items.Count * 2)
            {
                throw new InvalidOperationException("The counter ran out of households that can redeem.");
            }
        }
    }

    private static void ChangeOneByte(string archive, string entryName, string tampered)
    {
        using var input = new TarReader(new GZipStream(File.OpenRead(archive), CompressionMode.Decompress));
        using var output = new TarWriter(new GZipStream(File.Create(tampered), CompressionLevel.Fastest), TarEntryFormat.Pax);
        while (input.GetNextEntry(copyData: true) is { } entry)
        {
            if (entry.Name == entryName)
            {
                using var data = new MemoryStream();
                entry.DataStream!.CopyTo(data);
                var bytes = data.ToArray();
                bytes[bytes.Length / 2] ^= 0x01;
                entry.DataStream = new MemoryStream(bytes);
            }

            output.WriteEntry(entry);
        }
    }
}
