using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Integration.Tests.Redemption;

/// <summary>
/// Households as villages keep them (issue 18) on PostgreSQL and RabbitMQ: Scoring's search by
/// card, ID card number and pinyin initials, and the counter's copy following members, cards and
/// merges by HouseholdChanged events, with a merged household refused at the counter.
/// </summary>
public sealed class HouseholdCopyOnPostgresTests : IAsyncLifetime
{
    private const string GrandmotherId = "41052219561112004X";

    private CounterDeployment deployment = null!;

    private ScoringApi.Households.HouseholdsClient Households => new(deployment.Scoring.Channel);

    private string CounterCode => $"{deployment.Supermarket}-{CounterDeployment.CounterCode(1)}";

    public async Task InitializeAsync()
    {
        deployment = await CounterDeployment.StartAsync(households: 2, points: 100, unitsPerItem: 5);
        await Households.RegisterHouseholdsAsync(new ScoringApi.RegisterHouseholdsRequest
        {
            IdempotencyKey = "copy-" + deployment.Village, VillageCode = deployment.Village, Actor = "clerk Sun Li",
            Households =
            {
                new ScoringApi.NewHousehold
                {
                    HouseholdNumber = "201", HeadName = "张建国", CardNumber = "K-201",
                    Members =
                    {
                        new ScoringApi.NewMember { Name = "张建国", Relation = ScoringApi.MemberRelation.Head, BornOn = "1980-05-04" },
                        new ScoringApi.NewMember { Name = "李桂兰", Relation = ScoringApi.MemberRelation.Parent, BornOn = "1956-11-12", IdCardNumber = GrandmotherId.ToLowerInvariant() },
                    },
                },
            },
        });
    }

    public async Task DisposeAsync() => await deployment.DisposeAsync();

    [Fact]
    public async Task Scoring_finds_households_by_card_id_number_and_names_on_postgres()
    {
        Assert.Equal(["201"], await SearchAsync("K-201"));
        Assert.Equal(["201"], await SearchAsync(GrandmotherId.ToLowerInvariant()));
        Assert.Equal(["201"], await SearchAsync("lgl"));
        Assert.Equal(["201"], await SearchAsync("Guilan"));
        Assert.Equal(["201"], await SearchAsync("桂兰"));
        Assert.Equal(["201"], await SearchAsync("20"));
        var detail = await Households.GetHouseholdDetailAsync(new ScoringApi.HouseholdRef { VillageCode = deployment.Village, HouseholdNumber = "201" });
        Assert.Equal("410522********004X", detail.Members[1].IdCardNumberMasked);
    }

    [Fact]
    public async Task The_counters_copy_follows_members_cards_and_merges_over_rabbitmq()
    {
        await FindAsync("K-201", h => h.HouseholdNumber == "201", "the counter finds 201 by its card");
        await Households.AddMemberAsync(new ScoringApi.AddMemberRequest
        {
            IdempotencyKey = "add-" + deployment.Village, Household = Ref("201"), Actor = "clerk Sun Li",
            Member = new ScoringApi.NewMember { Name = "张小红", Relation = ScoringApi.MemberRelation.Child, BornOn = "2008-09-30" },
        });
        await Poller.UntilAsync(async () => (await LookupAsync("201")).MemberCount == 3, "the copy counts the new member", TimeSpan.FromSeconds(30));

        await Households.MoveCardAsync(new ScoringApi.MoveCardRequest
        {
            IdempotencyKey = "card-" + deployment.Village, Household = Ref("002"), CardNumber = "K-002", Actor = "clerk Sun Li",
        });
        await FindAsync("K-002", h => h.HouseholdNumber == "002", "the counter finds 002 by its new card");

        await Households.MergeHouseholdsAsync(new ScoringApi.MergeHouseholdsRequest
        {
            IdempotencyKey = "merge-" + deployment.Village, Source = Ref("002"), TargetHouseholdNumber = "001", Actor = "clerk Sun Li",
        });
        var merged = await FindAsync("K-002", h => h.Merged, "the counter shows 002 merged");
        Assert.Equal("001", merged.MergedIntoHouseholdNumber);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOUSEHOLD_MERGED", () => deployment.Counter.RedeemAsync(new RedeemRequest
        {
            OrderId = "after-merge-" + deployment.Village, CounterCode = CounterCode, HouseholdNumber = "002", Actor = "clerk Li",
            Lines = { new RedeemLine { Sku = "RICE", Quantity = 1 } },
        }).ResponseAsync);
        await Poller.UntilAsync(async () => (await LookupAsync("001")).MemberCount == 6, "the copy of 001 counts the members merged in", TimeSpan.FromSeconds(30));
        var receipt = await deployment.Counter.RedeemAsync(new RedeemRequest
        {
            OrderId = "target-" + deployment.Village, CounterCode = CounterCode, HouseholdNumber = "001", Actor = "clerk Li",
            Lines = { new RedeemLine { Sku = "RICE", Quantity = 1 } },
        });
        Assert.Equal(OrderStatus.Completed, receipt.Status);
    }

    [Fact]
    public async Task Changes_of_one_household_at_the_same_moment_each_apply_whole_or_are_refused_and_the_copy_ends_at_the_last()
    {
        // Eight members added at once to 201, each under its own key: every call either adds its
        // member or is told that the household changed meanwhile; none is lost or undone silently.
        var adds = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => OutcomeAsync(() => Households.AddMemberAsync(new ScoringApi.AddMemberRequest
        {
            IdempotencyKey = $"race-{i}-{deployment.Village}", Household = Ref("201"), Actor = "clerk Sun Li",
            Member = new ScoringApi.NewMember { Name = $"张小{i}", Relation = ScoringApi.MemberRelation.Grandchild, BornOn = $"201{i}-01-01" },
        }).ResponseAsync)));
        Assert.All(adds, a => Assert.True(a is "OK" or "HOUSEHOLD_CHANGED_MEANWHILE", a));
        var added = adds.Count(a => a == "OK");
        Assert.True(added >= 1, string.Join(", ", adds));
        var detail = await Households.GetHouseholdDetailAsync(Ref("201"));
        Assert.Equal(2 + added, detail.Members.Count);
        Assert.Equal(2 + added, detail.Household.MemberCount);
        await Poller.UntilAsync(async () => (await LookupAsync("201")).MemberCount == 2 + added,
            $"the counter's copy ends at the last change ({2 + added} members)", TimeSpan.FromSeconds(30));

        // One person added to two households at once: one household gets him, the other is told
        // that the number is in use, or, when both checks passed, that the other change took it
        // (the unique index decides); never an internal error.
        var idCard = "410522201501010032";
        string[] numbers = ["201", "001"];
        var both = await Task.WhenAll(numbers.Select(number => OutcomeAsync(() => Households.AddMemberAsync(new ScoringApi.AddMemberRequest
        {
            IdempotencyKey = $"same-person-{number}-{deployment.Village}", Household = Ref(number), Actor = "clerk Sun Li",
            Member = new ScoringApi.NewMember { Name = "张小明", Relation = ScoringApi.MemberRelation.Grandchild, BornOn = "2015-01-01", IdCardNumber = idCard },
        }).ResponseAsync)));
        Assert.Single(both, o => o == "OK");
        Assert.Single(both, o => o is "ID_CARD_NUMBER_IN_USE" or "HOUSEHOLD_CHANGED_MEANWHILE");
        Assert.Equal(numbers[Array.IndexOf(both, "OK")], (await SearchAsync(idCard)).Single());
    }

    private static async Task<string> OutcomeAsync(Func<Task> call)
    {
        try
        {
            await call();
            return "OK";
        }
        catch (RpcException ex)
        {
            return ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? $"{ex.StatusCode}: {ex.Status.Detail}";
        }
    }

    private ScoringApi.HouseholdRef Ref(string number) => new() { VillageCode = deployment.Village, HouseholdNumber = number };

    private async Task<HouseholdCard> LookupAsync(string number) =>
        await deployment.Counter.LookupHouseholdAsync(new LookupHouseholdRequest { CounterCode = CounterCode, HouseholdNumber = number });

    private async Task<List<string>> SearchAsync(string query) =>
        (await Households.SearchHouseholdsAsync(new ScoringApi.SearchHouseholdsRequest { VillageCode = deployment.Village, Query = query }))
            .Households.Select(h => h.HouseholdNumber).ToList();

    private async Task<HouseholdSummary> FindAsync(string query, Func<HouseholdSummary, bool> wanted, string what)
    {
        HouseholdSummary? found = null;
        await Poller.UntilAsync(async () =>
        {
            found = (await deployment.Counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = CounterCode, Query = query })).Households.FirstOrDefault(wanted);
            return found is not null;
        }, what, TimeSpan.FromSeconds(30));
        return found!;
    }
}
