using Grpc.Net.Client;
using DividendsApi = Platform.Contracts.Dividends.V1;
using RedemptionApi = Platform.Contracts.Redemption.V1;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Host.Demo;

/// <summary>
/// Writes the demo county's last three months through the services' own RPCs, in the order
/// they happened, moving the host's clock from day to day: village, panel and households; awards
/// and deductions approved, on notice and posted; a supermarket's stock, redemptions and a
/// return; a cooperative's distribution paid. Business rules stay with the services: what they
/// refuse fails the demo.
/// </summary>
/// <param name="boardChannel">A channel whose calls carry a cooperative_board token for the given sign-in name.</param>
internal sealed partial class DemoHistory(GrpcChannel channel, Func<string, GrpcChannel> boardChannel, DemoClock clock, DateTimeOffset today)
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    private readonly Random random = new(DemoCounty.Seed);

    private readonly ScoringApi.Villages.VillagesClient villages = new(channel);
    private readonly ScoringApi.Households.HouseholdsClient households = new(channel);
    private readonly ScoringApi.Panels.PanelsClient panels = new(channel);
    private readonly ScoringApi.Awards.AwardsClient awards = new(channel);
    private readonly ScoringApi.Ledger.LedgerClient ledger = new(channel);
    private readonly ScoringApi.Journal.JournalClient journal = new(channel);
    private readonly RedemptionApi.Supermarkets.SupermarketsClient supermarkets = new(channel);
    private readonly RedemptionApi.Goods.GoodsClient goods = new(channel);
    private readonly RedemptionApi.Stock.StockClient stock = new(channel);
    private readonly RedemptionApi.Counter.CounterClient counter = new(channel);
    private readonly DividendsApi.Cooperatives.CooperativesClient cooperatives = new(channel);
    private readonly DividendsApi.Members.MembersClient members = new(channel);
    private readonly DividendsApi.Distributions.DistributionsClient distributions = new(channel);
    private readonly DividendsApi.Payouts.PayoutsClient payouts = new(channel);
    private readonly DividendsApi.Board.BoardClient board = new(channel);

    /// <summary>The first day of the month three months before today's, in China.</summary>
    public static DateTimeOffset Start(DateTimeOffset today)
    {
        var local = today.ToOffset(ChinaTime);
        return new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, ChinaTime).AddMonths(-3);
    }

    public DemoFigures Figures { get; } = new();

    public async Task WriteAsync(CancellationToken ct)
    {
        var m1 = Start(today);
        var m2 = m1.AddMonths(1);
        var m3 = m1.AddMonths(2);

        At(m1, 1, 9, ct);
        await RegisterVillageAsync(ct);
        At(m1, 3, 10, ct);
        await OpenSupermarketAsync(ct);
        At(m1, 5, 10, ct);
        await ReceiveFirstDonationsAsync(ct);
        At(m1, 6, 15, ct);
        await RegisterCooperativeAsync(ct);
        At(m1, 20, 19, ct);
        await ProposeMonthAsync(m1, ct);
        At(m1, 24, 9, ct);
        await PostDueAsync(ct);

        At(m2, 1, 9, ct);
        await MarketDayAsync(DemoCounty.Counter1, ct);
        At(m2, 8, 9, ct);
        await MarketDayAsync(DemoCounty.Counter2, ct);
        At(m2, 10, 14, ct);
        await ReceiveSecondDonationsAsync(m2, ct);
        At(m2, 12, 10, ct);
        await DraftDistributionAsync(ct);
        At(m2, 14, 16, ct);
        await ApproveDistributionAsync(ct);
        At(m2, 15, 9, ct);
        await PublishDistributionAsync(ct);
        await ReceivePurchaseAsync(m2, ct);
        At(m2, 16, 9, ct);
        await MarketDayAsync(DemoCounty.Counter1, ct);
        At(m2, 20, 19, ct);
        await ProposeMonthAsync(m2, ct);
        At(m2, 24, 9, ct);
        await PostDueAsync(ct);
        await MarketDayAsync(DemoCounty.Counter2, ct);
        At(m2, 25, 10, ct);
        await PayDistributionAsync(ct);

        At(m3, 2, 9, ct);
        await MarketDayAsync(DemoCounty.Counter1, ct);
        At(m3, 10, 9, ct);
        await MarketDayAsync(DemoCounty.Counter2, ct);
        At(m3, 18, 9, ct);
        await MarketDayAsync(DemoCounty.Counter1, ct);
        At(m3, 23, 19, ct);
        await SubmitSheetAsync(m3, ct);
        At(m3, 24, 9, ct);
        await MarketDayAsync(DemoCounty.Counter2, ct);
        At(m3, 24, 16, ct);
        await ReturnGoodsAsync(ct);
        At(m3, 28, 9, ct);
        await PostDueAsync(ct);

        // Today: this month's first proposals stand on the notice board, to be posted when it ends.
        clock.MoveTo(today.AddMinutes(-30));
        await ProposeTodayAsync(ct);
        await VerifyJournalAsync(ct);
    }

    private void At(DateTimeOffset month, int day, int hour, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        clock.MoveTo(new DateTimeOffset(month.Year, month.Month, day, hour, random.Next(0, 50), 0, ChinaTime));
    }

    private static string Period(DateTimeOffset month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private string Key(string what) => $"demo-{what}";
}
