using Grpc.Core;
using Platform.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Platform.Host.Tests;

/// <summary>
/// Every RPC of the three services, driven with random and boundary values against the embedded
/// host: no call may crash it or answer Internal or Unknown, every refusal explains itself, and
/// every InvalidArgument names its field (ErrorInfo metadata "field", a BadRequest field violation
/// and the message).
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int CallsPerRpc = 25;
    private readonly TempFolder data = new();
    private RunningApp host = null!;

    public async Task InitializeAsync()
    {
        host = await EmbeddedHost.StartAsync(data.Path);
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task No_hostile_request_to_any_rpc_crashes_the_host_or_answers_internal()
    {
        var methods = HostileInput.Methods("platform.scoring.v1", "platform.redemption.v1", "platform.dividends.v1");
        Assert.True(methods.Count > 60, $"expected every RPC of the three services, found {methods.Count}");
        var statuses = new Dictionary<StatusCode, int>();
        var failures = await new HostileInput(seed: 20261125).DriveAsync(host.Channel, methods, CallsPerRpc, statuses);

        output.WriteLine(string.Join(", ", statuses.Select(s => $"{s.Key} {s.Value}")));
        Assert.True(statuses.GetValueOrDefault(StatusCode.InvalidArgument) > 100, "the hostile calls should reach many InvalidArgument refusals");
        Assert.True(failures.Count == 0, $"{failures.Count} hostile calls were mishandled:\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await host.HealthAsync());
    }

    [Fact]
    public async Task Every_string_field_of_every_rpc_refuses_a_nul_a_broken_character_and_an_overlong_value_without_internal()
    {
        var methods = HostileInput.Methods("platform.scoring.v1", "platform.redemption.v1", "platform.dividends.v1");
        var failures = await HostileInput.SweepStringsAsync(host.Channel, methods);

        Assert.True(failures.Count == 0, $"{failures.Count} calls were mishandled:\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await host.HealthAsync());
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_resource_exhausted_for_every_rpc()
    {
        foreach (var method in HostileInput.Methods("platform.scoring.v1", "platform.redemption.v1", "platform.dividends.v1")
            .Where(m => m.InputType.Fields.InDeclarationOrder().Any(f => f.FieldType == Google.Protobuf.Reflection.FieldType.String && !f.IsRepeated)))
        {
            var status = await HostileInput.CallAsync(host.Channel, method, HostileInput.Oversized(method.InputType));
            Assert.True(status.StatusCode == StatusCode.ResourceExhausted, $"{method.FullName}: {status.StatusCode} {status.Detail}");
        }
    }

    /// <summary>
    /// Things the hostile values name ("V1", "001", "SM1", "C1", "RICE", "COOP-1") exist, so calls
    /// get past lookups into the rules behind them.
    /// </summary>
    private async Task SeedAsync()
    {
        await new Contracts.Scoring.V1.Villages.VillagesClient(host.Channel).RegisterVillageAsync(Samples.Village("V1", "Dongshan"));
        await new Contracts.Scoring.V1.Households.HouseholdsClient(host.Channel).RegisterHouseholdsAsync(new Contracts.Scoring.V1.RegisterHouseholdsRequest
        {
            IdempotencyKey = "seed", VillageCode = "V1", Actor = "clerk Zhou Hong",
            Households =
            {
                new Contracts.Scoring.V1.NewHousehold { HouseholdNumber = "001", HeadName = "Wang Xiulan", MemberCount = 3 },
                new Contracts.Scoring.V1.NewHousehold { HouseholdNumber = "0", HeadName = "Li Jianguo", MemberCount = 2 },
            },
        });
        var supermarkets = new Contracts.Redemption.V1.Supermarkets.SupermarketsClient(host.Channel);
        await Poller.UntilAsync(async () => (await supermarkets.ListKnownVillagesAsync(new Contracts.Redemption.V1.ListKnownVillagesRequest())).Villages.Count == 1,
            "Redemption learns of the village");
        await supermarkets.RegisterSupermarketAsync(new Contracts.Redemption.V1.RegisterSupermarketRequest
        {
            Code = "SM1", Name = "Dongshan Love Supermarket", VillageCodes = { "V1" }, CounterCodes = { "C1" },
        });
        await new Contracts.Redemption.V1.Goods.GoodsClient(host.Channel).DefineItemAsync(new Contracts.Redemption.V1.DefineItemRequest
        {
            IdempotencyKey = "seed-rice", SupermarketCode = "SM1", Sku = "RICE", Name = "Rice", Unit = "bag", PricePoints = 1, Actor = "clerk Zhou Hong",
        });
        await new Contracts.Dividends.V1.Cooperatives.CooperativesClient(host.Channel).RegisterCooperativeAsync(new Contracts.Dividends.V1.RegisterCooperativeRequest
        {
            IdempotencyKey = "seed-cooperative", Code = "COOP-1", Name = "Dongshan Tea Cooperative", Kind = Contracts.Dividends.V1.CooperativeKind.FarmersSpecialised, VillageCode = "V1",
        });
    }

}
