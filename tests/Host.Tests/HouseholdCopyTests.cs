using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Host.Tests;

/// <summary>
/// The counter's copy of a household follows Scoring's changes by event on the embedded host
/// (issue 18): members, card, merge.
/// </summary>
public sealed class HouseholdCopyTests : IDisposable
{
    private const string Village = "410522101202";
    private const string Counter = "SM-02-C1";

    private readonly TempFolder data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task The_counter_finds_households_by_card_and_follows_new_members_moved_cards_and_merges()
    {
        await using var host = await EmbeddedHost.StartAsync(data.Path);
        try
        {
            await FollowsAsync(host);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Internal)
        {
            // Internal here came from Scoring clients made before the server had started (ScoringLinkTests,
            // fixed); should another come, the failure carries what the host logged.
            throw host.Failures.Explain(ex);
        }
    }

    private static async Task FollowsAsync(RunningApp host)
    {
        var households = new Households.HouseholdsClient(host.Channel);
        var counter = new Counter.CounterClient(host.Channel);
        var supermarkets = new Supermarkets.SupermarketsClient(host.Channel);
        await new Villages.VillagesClient(host.Channel).RegisterVillageAsync(Samples.Village(Village, "Nanshan"));
        await Poller.UntilAsync(async () =>
            (await supermarkets.ListKnownVillagesAsync(new ListKnownVillagesRequest())).Villages.Any(v => v.Code == Village),
            "Redemption learns of the village");
        await supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
        {
            Code = "SM-02", Name = "Nanshan Love Supermarket", VillageCodes = { Village }, CounterCodes = { Counter },
        });
        await households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = "register", VillageCode = Village, Actor = "clerk Zhou",
            Households =
            {
                new NewHousehold
                {
                    HouseholdNumber = "001", HeadName = "周明", CardNumber = "K-001",
                    Members =
                    {
                        new NewMember { Name = "周明", Relation = MemberRelation.Head, BornOn = "1975-03-01" },
                        new NewMember { Name = "吴芳", Relation = MemberRelation.Spouse, BornOn = "1977-08-15" },
                    },
                },
                new NewHousehold { HouseholdNumber = "002", HeadName = "周亮", MemberCount = 2 },
            },
        });
        var byCard = await FindAsync(counter, "K-001", h => h.HouseholdNumber == "001", "the counter finds household 001 by its card");
        Assert.Equal("K-001", byCard.CardNumber);

        await households.AddMemberAsync(new AddMemberRequest
        {
            IdempotencyKey = "add-grandmother", Household = new HouseholdRef { VillageCode = Village, HouseholdNumber = "001" }, Actor = "clerk Zhou",
            Member = new NewMember { Name = "郑秀英", Relation = MemberRelation.Parent, BornOn = "1948-02-02" },
        });
        HouseholdCard? card = null;
        await Poller.UntilAsync(async () =>
        {
            card = await counter.LookupHouseholdAsync(new LookupHouseholdRequest { CounterCode = Counter, HouseholdNumber = "001" });
            return card.MemberCount == 3;
        }, "the counter's copy counts the new member");
        Assert.True(card!.HasMemberOver70);

        await households.MoveCardAsync(new MoveCardRequest
        {
            IdempotencyKey = "card-002", Household = new HouseholdRef { VillageCode = Village, HouseholdNumber = "002" }, CardNumber = "K-002", Actor = "clerk Zhou",
        });
        await FindAsync(counter, "K-002", h => h.HouseholdNumber == "002", "the counter finds household 002 by its new card");

        await households.MergeHouseholdsAsync(new MergeHouseholdsRequest
        {
            IdempotencyKey = "merge", Source = new HouseholdRef { VillageCode = Village, HouseholdNumber = "002" }, TargetHouseholdNumber = "001", Actor = "clerk Zhou",
        });
        var merged = await FindAsync(counter, "K-002", h => h.Merged, "the counter shows household 002 merged");
        Assert.Equal("001", merged.MergedIntoHouseholdNumber);
        var mergedCard = await counter.LookupHouseholdAsync(new LookupHouseholdRequest { CounterCode = Counter, HouseholdNumber = "002" });
        Assert.True(mergedCard.Merged);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOUSEHOLD_MERGED", () => counter.RedeemAsync(new RedeemRequest
        {
            OrderId = "order-after-merge", CounterCode = Counter, HouseholdNumber = "002", Actor = "clerk Li", Lines = { new RedeemLine { Sku = "RICE", Quantity = 1 } },
        }).ResponseAsync);
        await Poller.UntilAsync(async () =>
            (await counter.LookupHouseholdAsync(new LookupHouseholdRequest { CounterCode = Counter, HouseholdNumber = "001" })).MemberCount == 5,
            "the counter's copy of 001 counts the members merged in");
    }

    private static async Task<HouseholdSummary> FindAsync(Counter.CounterClient counter, string query, Func<HouseholdSummary, bool> wanted, string what)
    {
        HouseholdSummary? found = null;
        await Poller.UntilAsync(async () =>
        {
            found = (await counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = Counter, Query = query })).Households.FirstOrDefault(wanted);
            return found is not null;
        }, what);
        return found!;
    }
}
