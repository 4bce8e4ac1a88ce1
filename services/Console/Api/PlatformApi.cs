using Grpc.Core;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Auth;
using DividendsApi = Platform.Contracts.Dividends.V1;
using RedemptionApi = Platform.Contracts.Redemption.V1;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.WebConsole.Api;

/// <summary>
/// The pages' way to the services: the gRPC clients, and <see cref="CallAsync{T}"/>, which adds
/// the signed-in person's token, a deadline, and turns a refusal into a <see cref="Refusal"/>.
/// One per page (circuit); the token is minted again shortly before it expires.
/// </summary>
internal sealed class PlatformApi(ServiceChannels channels, CurrentAccount current, PersonTokens tokens, TimeProvider clock)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private string? token;
    private DateTimeOffset renewAt;
    private int tokenVersion = -1;

    public RedemptionApi.Counter.CounterClient Counter { get; } = new(channels.Redemption);

    public RedemptionApi.Goods.GoodsClient Goods { get; } = new(channels.Redemption);

    public RedemptionApi.Stock.StockClient Stock { get; } = new(channels.Redemption);

    public RedemptionApi.Reports.ReportsClient Reports { get; } = new(channels.Redemption);

    public RedemptionApi.Supermarkets.SupermarketsClient Supermarkets { get; } = new(channels.Redemption);

    public RedemptionApi.AuditTrail.AuditTrailClient RedemptionAudit { get; } = new(channels.Redemption);

    public ScoringApi.Ledger.LedgerClient Ledger { get; } = new(channels.Scoring);

    public ScoringApi.Households.HouseholdsClient Households { get; } = new(channels.Scoring);

    public ScoringApi.Villages.VillagesClient Villages { get; } = new(channels.Scoring);

    public ScoringApi.Awards.AwardsClient Awards { get; } = new(channels.Scoring);

    public ScoringApi.Panels.PanelsClient Panels { get; } = new(channels.Scoring);

    public ScoringApi.Rules.RulesClient Rules { get; } = new(channels.Scoring);

    public DividendsApi.Cooperatives.CooperativesClient Cooperatives { get; } = new(channels.Dividends);

    public DividendsApi.Members.MembersClient Members { get; } = new(channels.Dividends);

    public DividendsApi.Distributions.DistributionsClient Distributions { get; } = new(channels.Dividends);

    public DividendsApi.Payouts.PayoutsClient Payouts { get; } = new(channels.Dividends);

    /// <summary>The signed-in account as it is now; throws <see cref="SignedOutException"/> when it was disabled or changed.</summary>
    public Task<Account> AccountAsync(CancellationToken ct = default) => current.GetAsync(ct);

    public async Task<T> CallAsync<T>(Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken ct = default)
    {
        var account = await current.GetAsync(ct);
        var now = clock.GetUtcNow();
        if (token is null || now >= renewAt || tokenVersion != account.Version)
        {
            token = tokens.Mint(account);
            tokenVersion = account.Version;
            renewAt = now + (tokens.Lifetime / 2);
        }

        var headers = new Metadata { { "authorization", "Bearer " + token } };
        try
        {
            return await call(new CallOptions(headers, DateTime.UtcNow + Deadline, ct));
        }
        catch (RpcException ex)
        {
            throw Refusal.From(ex);
        }
    }
}
