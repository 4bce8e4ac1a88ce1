using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Integration.Tests.Redemption;

/// <summary>
/// The counter's household search on PostgreSQL, where LIKE and strpos are case-sensitive and
/// text is compared by code point: the stored pinyin and initials must make it match as on
/// SQLite (tests/Redemption.Tests FindHouseholdsTests).
/// </summary>
public sealed class FindHouseholdsOnPostgresTests : IAsyncLifetime
{
    private CounterDeployment deployment = null!;

    public async Task InitializeAsync()
    {
        deployment = await CounterDeployment.StartAsync(households: 2, points: 100, unitsPerItem: 1);
        await new ScoringApi.Households.HouseholdsClient(deployment.Scoring.Channel).RegisterHouseholdsAsync(new ScoringApi.RegisterHouseholdsRequest
        {
            IdempotencyKey = "find-" + deployment.Village,
            VillageCode = deployment.Village,
            Actor = "clerk Sun Li",
            Households =
            {
                new[] { ("101", "王建国"), ("102", "王健国"), ("103", "单田芳"), ("104", "吕秀英"), ("105", "Li Jianguo") }
                    .Select(h => new ScoringApi.NewHousehold { HouseholdNumber = h.Item1, HeadName = h.Item2, MemberCount = 2 }),
            },
        });
        await Poller.UntilAsync(async () => (await FindAsync("10")).Count == 5, "Redemption's copy fills over RabbitMQ", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await deployment.DisposeAsync();

    [Fact]
    public async Task Number_name_pinyin_and_initials_find_the_same_households_as_on_sqlite()
    {
        Assert.Equal(["101"], await FindAsync("101"));
        Assert.Equal(["101"], await FindAsync("建国"));
        Assert.Equal(["101", "102"], await FindAsync("wangjianguo"));
        Assert.Equal(["101", "102"], await FindAsync("Wang Jian"));
        Assert.Equal(["101", "102", "105"], await FindAsync("jianguo"));
        Assert.Equal(["101", "102"], await FindAsync("wjg"));
        Assert.Equal(["103"], await FindAsync("stf"));
        Assert.Equal(["104"], await FindAsync("lv"));
        Assert.Equal(["105"], await FindAsync("LI JIANGUO"));
        Assert.Empty(await FindAsync("建军"));
    }

    private async Task<List<string>> FindAsync(string query) =>
        (await deployment.Counter.FindHouseholdsAsync(new FindHouseholdsRequest
        {
            CounterCode = $"{deployment.Supermarket}-{CounterDeployment.CounterCode(1)}", Query = query, Limit = 50,
        })).Households.Select(h => h.HouseholdNumber).ToList();
}
