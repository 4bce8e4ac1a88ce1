using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.RedemptionTests;

/// <summary>
/// A clerk finds a household at the counter by its number, its card (a scanner types the
/// number), or the head's name in characters, pinyin or initials.
/// </summary>
public sealed class FindHouseholdsTests : IAsyncLifetime
{
    private CounterHost host = null!;

    public async Task InitializeAsync()
    {
        host = await CounterHost.StartAsync();
        var households = new ScoringApi.Households.HouseholdsClient(host.App.Channel);
        await households.RegisterHouseholdsAsync(Register("find-v1", CounterHost.Village,
            ("101", "王建国"), ("102", "王健国"), ("103", "单田芳"), ("104", "吕秀英"), ("105", "李建华")));
        // V2 is served by SM2, not by counter C2's supermarket.
        await households.RegisterHouseholdsAsync(Register("find-v2", "V2", ("201", "王建国")));
        await Poller.UntilAsync(async () => (await FindAsync("1")).Count == 5, "the counter's copy of households fills from household-registered events");
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_number_or_a_scanned_card_finds_the_households_whose_number_starts_so()
    {
        Assert.Equal(["101"], await FindAsync("101"));
        Assert.Equal(["101", "102", "103", "104", "105"], await FindAsync(" 10 "));
        Assert.Equal(["001", "002", "003", "004", "005", "006"], await FindAsync("00"));
    }

    [Fact]
    public async Task Part_of_the_name_in_characters_finds_that_name_and_not_its_homophones()
    {
        Assert.Equal(["101"], await FindAsync("建国"));
        Assert.Equal(["101", "102"], await FindAsync("王"));
        Assert.Equal(["103"], await FindAsync("单田芳"));
        Assert.Empty(await FindAsync("建军"));
    }

    [Fact]
    public async Task Full_pinyin_without_tones_or_spaces_finds_the_name_from_any_syllable()
    {
        Assert.Equal(["101", "102"], await FindAsync("wangjianguo"));
        Assert.Equal(["101", "102"], await FindAsync("wang jian"));
        Assert.Equal(["101", "102"], await FindAsync("wangjian"));

        // 002 is Li Jianguo, registered in Latin letters: found the same way, whatever the case.
        Assert.Equal(["002", "101", "102"], await FindAsync("jianguo"));
        Assert.Equal(["002", "101", "102", "105"], await FindAsync("jian"));
        Assert.Equal(["101", "102"], await FindAsync("WangJianGuo"));
        Assert.Equal(["101", "102"], await FindAsync("wáng jiàn guó"));
        Assert.Equal(["001", "101", "102"], await FindAsync("wang"));
        Assert.Equal(["001"], await FindAsync("xiulan"));
    }

    [Fact]
    public async Task Initials_find_the_names_they_start()
    {
        Assert.Equal(["101", "102"], await FindAsync("wjg"));
        Assert.Equal(["101", "102"], await FindAsync("wj"));
        Assert.Equal(["105"], await FindAsync("ljh"));
        Assert.Equal(["002", "105"], await FindAsync("lj"));
        Assert.Empty(await FindAsync("jg"));
    }

    [Fact]
    public async Task A_surname_is_spelled_with_its_surname_reading_and_u_umlaut_as_v()
    {
        Assert.Equal(["103"], await FindAsync("shantianfang"));
        Assert.Equal(["103"], await FindAsync("stf"));
        Assert.Empty(await FindAsync("dantianfang"));
        Assert.Equal(["104"], await FindAsync("lvxiuying"));
        Assert.Equal(["104"], await FindAsync("lv"));
    }

    [Fact]
    public async Task Number_prefix_and_query_together_find_households_matching_both_and_the_limit_applies()
    {
        var found = await host.Counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = "C2", NumberPrefix = "10", Query = "jian" });
        Assert.Equal(["101", "102", "105"], found.Households.Select(h => h.HouseholdNumber));
        Assert.Equal("王建国", found.Households[0].HeadName);
        Assert.Equal(CounterHost.Village, found.Households[0].VillageCode);

        var limited = await host.Counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = "C2", Query = "jian", Limit = 2 });
        Assert.Equal(["002", "101"], limited.Households.Select(h => h.HouseholdNumber));
    }

    [Fact]
    public async Task A_query_longer_than_32_characters_or_with_control_characters_is_an_invalid_argument_naming_the_field()
    {
        Assert.Equal(["101"], await FindAsync(" 101" + new string(' ', 40)));
        foreach (var query in new[] { new string('w', 33), "wang\u0001" })
        {
            var ex = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "QUERY_INVALID",
                () => host.Counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = "C2", Query = query }).ResponseAsync);
            Assert.Equal("query", ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["field"]);
        }
    }

    private static ScoringApi.RegisterHouseholdsRequest Register(string key, string village, params (string Number, string Head)[] households) => new()
    {
        IdempotencyKey = key, VillageCode = village, Actor = "clerk Zhou Hong",
        Households = { households.Select(h => new ScoringApi.NewHousehold { HouseholdNumber = h.Number, HeadName = h.Head, MemberCount = 2 }) },
    };

    private async Task<List<string>> FindAsync(string query) =>
        (await host.Counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = "C2", Query = query, Limit = 50 }))
        .Households.Select(h => h.HouseholdNumber).ToList();
}
