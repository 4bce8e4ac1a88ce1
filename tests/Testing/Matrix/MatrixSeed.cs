using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.ServiceDefaults.Security;
using DividendsApi = Platform.Contracts.Dividends.V1;
using RedemptionApi = Platform.Contracts.Redemption.V1;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Testing.Matrix;

/// <summary>
/// One of everything an RPC can address, all in the "home" scope (MatrixCodes): village V1
/// (households 001–006, a panel m1–m3 of 001–003), supermarket SM1 with counter SM1-C1 and an
/// order, cooperative C1 with a member of household V1/001, a proposal, a sheet, a posted entry,
/// a hold, a roster of a board member and a supervisory-board member, a distribution they approved and published, and a payout. Made through the services' own APIs on
/// whichever hosts serve them: the embedded host serves all three packages, the distributed run
/// one host per package. The clock is the one those hosts were given.
/// </summary>
public sealed class MatrixSeed : IAsyncDisposable
{
    public static readonly string ScoringPackage = ScoringApi.Villages.Descriptor.File.Package;
    public static readonly string RedemptionPackage = RedemptionApi.Supermarkets.Descriptor.File.Package;
    public static readonly string DividendsPackage = DividendsApi.Cooperatives.Descriptor.File.Package;

    private readonly IReadOnlyDictionary<string, RunningApp> servers;
    private readonly Dictionary<RunningApp, GrpcChannel> bare = [];

    /// <param name="servers">The host serving each package (ScoringPackage, RedemptionPackage, DividendsPackage).</param>
    public MatrixSeed(MatrixCodes codes, FakeTimeProvider clock, IReadOnlyDictionary<string, RunningApp> servers)
    {
        foreach (var package in new[] { ScoringPackage, RedemptionPackage, DividendsPackage })
        {
            if (!servers.ContainsKey(package))
            {
                throw new ArgumentException($"No host serves {package}.", nameof(servers));
            }
        }

        Codes = codes;
        Clock = clock;
        Tokens = new MatrixTokens(codes);
        this.servers = servers;
    }

    public MatrixCodes Codes { get; }

    public MatrixTokens Tokens { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>Each host once.</summary>
    public IReadOnlyList<RunningApp> Apps => [.. servers.Values.Distinct()];

    public string OrderId { get; } = "ORDER-1";

    public long ProposalId { get; private set; }

    public long SheetId { get; private set; }

    public long EntryId { get; private set; }

    public string HoldId { get; } = "HOLD-1";

    public long MemberId { get; private set; }

    public long DistributionId { get; private set; }

    public string PayoutId { get; } = "PAYOUT-1";

    /// <summary>The supervisory board's member on the seed's roster (the board's chair signs as MatrixSamples.BoardMember).</summary>
    public long RosterId { get; private set; }

    /// <summary>The host serving a package ("platform.scoring.v1").</summary>
    public RunningApp ServerOf(string package) => servers[package];

    /// <summary>The access rule of an RPC ("/platform.scoring.v1.Villages/GetVillage"), from the host serving it.</summary>
    public AccessRule? Rule(string method) =>
        ServerOf(PackageOf(method)).Services.GetRequiredService<AccessPolicy>().Find(method);

    // "/platform.scoring.v1.Villages/GetVillage" → "platform.scoring.v1"
    private static string PackageOf(string method)
    {
        var service = method.TrimStart('/').Split('/')[0];
        return service[..service.LastIndexOf('.')];
    }

    public async Task SeedAsync()
    {
        await SeedScoringAsync();
        await SeedRedemptionAsync();
        await SeedDividendsAsync();
    }

    private async Task SeedScoringAsync()
    {
        var channel = ServerOf(ScoringPackage).Channel;
        await new ScoringApi.Villages.VillagesClient(channel).RegisterVillageAsync(new ScoringApi.RegisterVillageRequest
        {
            IdempotencyKey = "seed-village", Code = Codes.Village, Name = "Dongshan", Township = "Qiaoli", County = "Anle",
        });
        await new ScoringApi.Households.HouseholdsClient(channel).RegisterHouseholdsAsync(new ScoringApi.RegisterHouseholdsRequest
        {
            IdempotencyKey = "seed", VillageCode = Codes.Village, Actor = "seed",
            Households = { Enumerable.Range(1, 6).Select(i => new ScoringApi.NewHousehold { HouseholdNumber = $"00{i}", HeadName = $"Head {i}", MemberCount = 3 }) },
        });
        var panels = new ScoringApi.Panels.PanelsClient(channel);
        for (var i = 1; i <= 3; i++)
        {
            await panels.SetPanelMemberAsync(new ScoringApi.SetPanelMemberRequest
            {
                IdempotencyKey = $"seed-member-{i}", VillageCode = Codes.Village, Actor = "seed",
                Member = new ScoringApi.PanelMember { MemberId = $"m{i}", Name = $"Member {i}", Role = ScoringApi.PanelRole.VillagersRepresentative, HouseholdNumber = $"00{i}" },
            });
        }

        var awards = new ScoringApi.Awards.AwardsClient(channel);
        var posted = await awards.ProposeAsync(new ScoringApi.ProposeRequest
        {
            IdempotencyKey = "seed-award", VillageCode = Codes.Village, HouseholdNumber = "004", RuleCode = "SIMPLE-CEREMONY", ProposedBy = "m1",
        });
        foreach (var member in new[] { "m2", "m3" }) // not m1, who proposed it
        {
            await awards.ApproveAsync(new ScoringApi.ApproveRequest { IdempotencyKey = "seed-approve-" + member, ProposalId = posted.Id, MemberId = member });
        }

        Clock.Advance(TimeSpan.FromDays(4));
        await awards.PostDueAsync(new ScoringApi.PostDueRequest { VillageCode = Codes.Village });
        EntryId = (await awards.GetProposalAsync(new ScoringApi.GetProposalRequest { ProposalId = posted.Id })).EntryId;

        ProposalId = (await awards.ProposeAsync(new ScoringApi.ProposeRequest
        {
            IdempotencyKey = "seed-proposal", VillageCode = Codes.Village, HouseholdNumber = "001", RuleCode = "DISASTER-DUTY", ProposedBy = "m2",
        })).Id;
        SheetId = (await awards.SubmitSheetAsync(new ScoringApi.SubmitSheetRequest
        {
            IdempotencyKey = "seed-sheet", VillageCode = Codes.Village, Period = "2026-11", SubmittedBy = "m1",
            Lines = { new ScoringApi.SheetLine { HouseholdNumber = "002", RuleCode = "DISASTER-DUTY" } },
        })).Id;
        await new ScoringApi.Ledger.LedgerClient(channel).HoldAsync(new ScoringApi.HoldRequest
        {
            HoldId = HoldId, Household = new ScoringApi.HouseholdRef { VillageCode = Codes.Village, HouseholdNumber = "004" }, Points = 5, TtlSeconds = 3600, Actor = "seed",
        });
    }

    private async Task SeedRedemptionAsync()
    {
        var channel = ServerOf(RedemptionPackage).Channel;
        var supermarkets = new RedemptionApi.Supermarkets.SupermarketsClient(channel);
        await Poller.UntilAsync(async () =>
            (await supermarkets.ListKnownVillagesAsync(new RedemptionApi.ListKnownVillagesRequest())).Villages.Any(v => v.Code == Codes.Village),
            $"Redemption learns of village {Codes.Village}");
        await supermarkets.RegisterSupermarketAsync(new RedemptionApi.RegisterSupermarketRequest
        {
            Code = Codes.Supermarket, Name = "Dongshan love supermarket", VillageCodes = { Codes.Village }, CounterCodes = { Codes.Counter },
        });
        await new RedemptionApi.Goods.GoodsClient(channel).DefineItemAsync(new RedemptionApi.DefineItemRequest
        {
            IdempotencyKey = "seed-rice", SupermarketCode = Codes.Supermarket, Sku = "RICE", Name = "Rice", Unit = "bag", PricePoints = 1, Actor = "seed",
        });
        await new RedemptionApi.Stock.StockClient(channel).ReceiveDonationAsync(new RedemptionApi.ReceiveDonationRequest
        {
            IdempotencyKey = "seed-rice-lot", SupermarketCode = Codes.Supermarket, Sku = "RICE", Quantity = 100, DonorName = "Anle Grain Co.",
            DonorKind = RedemptionApi.DonorKind.Company, ValueFen = 10_000, Actor = "seed",
        });
        await new RedemptionApi.Counter.CounterClient(channel).RedeemAsync(new RedemptionApi.RedeemRequest
        {
            OrderId = OrderId, CounterCode = Codes.Counter, HouseholdNumber = "004", Actor = "seed",
            Lines = { new RedemptionApi.RedeemLine { Sku = "RICE", Quantity = 2 } },
        });
    }

    private async Task SeedDividendsAsync()
    {
        var channel = ServerOf(DividendsPackage).Channel;
        await new DividendsApi.Cooperatives.CooperativesClient(channel).RegisterCooperativeAsync(new DividendsApi.RegisterCooperativeRequest
        {
            IdempotencyKey = "seed-cooperative", Code = Codes.Cooperative, Name = "Dongshan Tea", Kind = DividendsApi.CooperativeKind.VillageShareholding, VillageCode = Codes.Village,
        });
        var members = new DividendsApi.Members.MembersClient(channel);
        MemberId = (await members.JoinCooperativeAsync(new DividendsApi.JoinCooperativeRequest
        {
            IdempotencyKey = "seed-join", CooperativeCode = Codes.Cooperative, VillageCode = Codes.Village, HouseholdNumber = "001", HeadName = "Head 1", JoinedOn = "2024-06-01",
        })).MemberId;
        await members.RecordHoldingAsync(new DividendsApi.RecordHoldingRequest
        {
            IdempotencyKey = "seed-holding", CooperativeCode = Codes.Cooperative, MemberId = MemberId, ShareClass = DividendsApi.ShareClass.Population, Quantity = 1, EffectiveFrom = "2024-06-01",
        });
        var distributions = new DividendsApi.Distributions.DistributionsClient(channel);
        await distributions.SetPolicyAsync(new DividendsApi.SetPolicyRequest
        {
            IdempotencyKey = "seed-policy", CooperativeCode = Codes.Cooperative, ReserveBp = 1_000, WelfareBp = 500,
            ClassWeights = { new DividendsApi.ClassWeight { ShareClass = DividendsApi.ShareClass.Population, Weight = 1 } },
        });
        DistributionId = (await distributions.DraftDistributionAsync(new DividendsApi.DraftDistributionRequest
        {
            IdempotencyKey = "seed-draft", CooperativeCode = Codes.Cooperative, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", IncomeFen = 1_000_000, ExpensesFen = 100_000,
        })).DistributionId;
        await BoardSignatures.ApproveAsync(ServerOf(DividendsPackage), Codes.Cooperative, DistributionId);
        RosterId = (await new DividendsApi.Board.BoardClient(channel).GetBoardAsync(new DividendsApi.GetBoardRequest { CooperativeCode = Codes.Cooperative }))
            .Members.First(m => m.Subject == BoardSignatures.SupervisorySubject).RosterId;
        await distributions.PublishDistributionAsync(new DividendsApi.PublishDistributionRequest { IdempotencyKey = "seed-publish", DistributionId = DistributionId, NoticeDays = 0 });
        await new DividendsApi.Payouts.PayoutsClient(channel).CreatePayoutAsync(new DividendsApi.CreatePayoutRequest
        {
            PayoutId = PayoutId, DistributionId = DistributionId, MemberId = MemberId, Method = DividendsApi.PayoutMethod.Cash,
        });
    }

    /// <summary>Calls any RPC by its descriptor, with this authorization header (or none).</summary>
    public async Task<CallOutcome> CallAsync(MethodDescriptor method, IMessage request, string? authorization)
    {
        var requests = Marshallers.Create<IMessage>(m => m.ToByteArray(), b => method.InputType.Parser.ParseFrom(b));
        var responses = Marshallers.Create<IMessage>(m => m.ToByteArray(), b => method.OutputType.Parser.ParseFrom(b));
        var call = new Method<IMessage, IMessage>(MethodType.Unary, method.Service.FullName, method.Name, requests, responses);
        var headers = new Metadata();
        if (authorization is not null)
        {
            headers.Add("authorization", authorization);
        }

        try
        {
            await Bare(ServerOf(method.File.Package)).CreateCallInvoker().AsyncUnaryCall(call, null, new CallOptions(headers), request);
            return new CallOutcome(StatusCode.OK, null, "");
        }
        catch (RpcException ex)
        {
            return new CallOutcome(ex.StatusCode, ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason, ex.Status.Detail);
        }
    }

    private GrpcChannel Bare(RunningApp app)
    {
        lock (bare)
        {
            return bare.TryGetValue(app, out var channel) ? channel : bare[app] = app.ChannelWithToken(null);
        }
    }

    /// <summary>Closes the seed's channels; the hosts are their starter's to stop.</summary>
    public ValueTask DisposeAsync()
    {
        foreach (var channel in bare.Values)
        {
            channel.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
