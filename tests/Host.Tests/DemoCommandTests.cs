using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Dividends.V1;
using Platform.Contracts.Redemption.V1;
using Platform.Contracts.Scoring.V1;
using Platform.Host.Demo;
using Platform.WebConsole;
using Platform.WebConsole.Accounts;
using Xunit;

namespace Platform.Host.Tests;

/// <summary>
/// The demo county, seen as a client sees it: the command run into an empty folder, then the
/// embedded host started on that folder and asked over gRPC.
/// </summary>
public sealed partial class DemoCommandTests(DemoCountyRun demo) : IClassFixture<DemoCountyRun>
{
    [Fact]
    public void The_demo_succeeds_well_within_a_minute_and_says_the_journal_is_intact()
    {
        Assert.True(demo.Exit == 0, demo.Error);
        Assert.Contains("INTACT", demo.Output, StringComparison.Ordinal);
        Assert.Contains($"--Platform:DataFolder={demo.Data.Path}", demo.Output, StringComparison.Ordinal);
        Assert.True(demo.Took < TimeSpan.FromMinutes(1), $"The demo took {demo.Took.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task The_village_has_thirty_households()
    {
        var households = await new Households.HouseholdsClient(demo.App.Channel).ListHouseholdsAsync(new ListHouseholdsRequest
        {
            VillageCode = DemoCounty.Village, PageSize = 100,
        });

        Assert.Equal(30, households.Households.Count);
        Assert.All(households.Households, h => Assert.False(string.IsNullOrWhiteSpace(h.HeadName)));
    }

    [Fact]
    public async Task Balances_are_what_was_posted_less_what_was_spent()
    {
        var ledger = new Ledger.LedgerClient(demo.App.Channel);

        var totals = await ledger.GetVillageTotalsAsync(new GetVillageTotalsRequest { VillageCode = DemoCounty.Village });

        Assert.True(totals.Posted > 0 && totals.Captured > 0, $"posted {totals.Posted}, captured {totals.Captured}");
        Assert.Equal(totals.Posted - totals.Captured, totals.Balance);
        Assert.True(totals.Deducted > 0, "Some deductions were posted.");
    }

    [Fact]
    public async Task A_household_that_redeemed_and_returned_has_a_balance_that_follows_from_its_statement()
    {
        var order = await ReturnedOrderAsync();
        var household = new HouseholdRef { VillageCode = order.VillageCode, HouseholdNumber = order.HouseholdNumber };
        var ledger = new Ledger.LedgerClient(demo.App.Channel);

        var entries = new List<Entry>();
        Statement statement;
        var page = string.Empty;
        do
        {
            statement = await ledger.GetStatementAsync(new GetStatementRequest { Household = household, PageSize = 100, PageToken = page });
            entries.AddRange(statement.Entries);
            page = statement.NextPageToken;
        }
        while (page.Length > 0);

        Assert.NotEqual(0, statement.Balance.Balance_);
        Assert.Equal(entries.Sum(e => e.Points), statement.Balance.Balance_);
        Assert.Contains(entries, e => e.Kind == EntryKind.Award);
        Assert.Contains(entries, e => e.Kind == EntryKind.HoldCaptured);
        Assert.Contains(entries, e => e.Kind == EntryKind.Refund);
        // Written with the dates of the past: the first award is weeks old.
        Assert.True(entries.Min(e => e.At.ToDateTimeOffset()) < DateTimeOffset.UtcNow.AddDays(-30));
    }

    [Fact]
    public async Task The_supermarket_has_two_counters_and_stock_with_best_before_dates()
    {
        var supermarket = await new Supermarkets.SupermarketsClient(demo.App.Channel).GetSupermarketAsync(new GetSupermarketRequest
        {
            Code = DemoCounty.Supermarket,
        });
        var stock = await new Reports.ReportsClient(demo.App.Channel).StockOnHandAsync(new StockOnHandRequest { SupermarketCode = DemoCounty.Supermarket });

        Assert.Equal(2, supermarket.CounterCodes.Count);
        var lots = stock.Lines.SelectMany(l => l.Lots).ToList();
        Assert.Contains(lots, l => l.Source == LotSource.Donation && l.BestBefore.Length > 0);
        Assert.Contains(lots, l => l.Source == LotSource.Purchase && l.BestBefore.Length > 0);
    }

    [Fact]
    public async Task Households_redeemed_goods_on_many_days_and_one_order_was_partly_returned()
    {
        var order = await ReturnedOrderAsync();
        var redemptions = await new Reports.ReportsClient(demo.App.Channel).RedemptionsAsync(new RedemptionsRequest
        {
            SupermarketCode = DemoCounty.Supermarket, From = Day(DateTime.UtcNow.AddMonths(-4)), To = Day(DateTime.UtcNow.AddDays(1)),
        });

        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Contains(order.Lines, l => l.ReturnedQuantity > 0);
        Assert.True(redemptions.Orders >= 10, $"{redemptions.Orders} orders");
        Assert.True(redemptions.ReturnedPoints > 0);
    }

    [Fact]
    public async Task The_distribution_is_paid_to_every_member()
    {
        var id = long.Parse(Match(@"distribution (\d+) of"), System.Globalization.CultureInfo.InvariantCulture);
        var distribution = await new Distributions.DistributionsClient(demo.App.Channel).GetDistributionAsync(new GetDistributionRequest { DistributionId = id });
        var payouts = await new Payouts.PayoutsClient(demo.App.Channel).ListPayoutsAsync(new ListPayoutsRequest { DistributionId = id });

        Assert.Equal(DistributionStatus.Paid, distribution.Status);
        Assert.Equal(10, distribution.Allocations.Count);
        Assert.Equal(distribution.Allocations.Count(a => a.TotalFen > 0), payouts.Payouts.Count);
        Assert.All(payouts.Payouts, p => Assert.Equal(PayoutStatus.Paid, p.Status));
        Assert.All(payouts.Payouts, p => Assert.False(string.IsNullOrEmpty(p.Reference)));
        // Approved by the two chairs on the roster, signed in as themselves.
        Assert.Equal((DemoCounty.HeadOf("001"), DemoCounty.HeadOf("012")), (distribution.BoardApprover, distribution.SupervisoryApprover));
        Assert.NotEqual(distribution.BoardSignerRosterId, distribution.SupervisorySignerRosterId);
    }

    [Fact]
    public async Task Every_role_has_an_account_whose_printed_password_signs_in()
    {
        await using var console = ConsoleApp.Build([$"--Platform:DataFolder={demo.Data.Path}", "--Logging:LogLevel:Default=Warning"]);
        await using var scope = console.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AccountStore>();

        var roles = new HashSet<string>();
        foreach (var draft in DemoAccounts.Drafts)
        {
            var line = Regex.Match(demo.Output, $@"^\s+{Regex.Escape(draft.UserName)}\s+(\S+)\s+(\S+)\s", RegexOptions.Multiline);
            Assert.True(line.Success, $"The output names no password for {draft.UserName}.");

            var result = await store.CheckPasswordAsync(draft.UserName, line.Groups[2].Value);

            Assert.Equal(SignInOutcome.Success, result.Outcome);
            Assert.Equal(line.Groups[1].Value, result.Account!.Role);
            roles.Add(result.Account.Role);
        }

        Assert.Equal(["auditor", "clerk", "cooperative_accountant", "cooperative_board", "county_admin", "household", "panel_member", "village_admin"], roles.Order());
    }

    [Fact]
    public void A_second_demo_into_the_same_folder_is_refused()
    {
        var (exit, _, error) = demo.Run("demo", $"--Platform:DataFolder={demo.Data.Path}");

        Assert.NotEqual(0, exit);
        Assert.Contains("not empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_journal_holds_when_the_host_verifies_it()
    {
        var verification = await new Journal.JournalClient(demo.App.Channel).VerifyJournalAsync(new VerifyJournalRequest { VillageCode = DemoCounty.Village });

        Assert.True(verification.Intact, verification.Finding);
        Assert.True(verification.EntriesChecked > 50, $"{verification.EntriesChecked} entries");
    }

    private async Task<Receipt> ReturnedOrderAsync() =>
        await new Counter.CounterClient(demo.App.Channel).GetOrderAsync(new GetOrderRequest { OrderId = Match(@"order (\S+) partly returned") });

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private string Match(string pattern)
    {
        var match = Regex.Match(demo.Output, pattern);
        Assert.True(match.Success, $"The demo's output does not say /{pattern}/:\n{demo.Output}\n{demo.Error}");
        return match.Groups[1].Value;
    }
}
