using Grpc.Core;
using Platform.Contracts.Dividends.V1;
using Platform.Contracts.Redemption.V1;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Host.Tests;

/// <summary>Bad input gets a status and a reason a console can translate, and changes nothing.</summary>
public sealed class RefusalTests : IAsyncLifetime
{
    private readonly TempFolder data = new();
    private RunningApp host = null!;

    public async Task InitializeAsync() => host = await EmbeddedHost.StartAsync(data.Path);

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        data.Dispose();
    }

    private Villages.VillagesClient Villages => new(host.Channel);

    [Theory]
    [InlineData("", "CODE_REQUIRED")]
    [InlineData("   ", "CODE_REQUIRED")]
    [InlineData("4105 22", "CODE_INVALID")]
    [InlineData("410522101201410522101201410522101201", "CODE_INVALID")]
    public async Task A_malformed_village_code_is_an_invalid_argument(string code, string reason)
    {
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, reason,
            () => Villages.RegisterVillageAsync(Samples.Village(code, "Nanshan")).ResponseAsync);

        Assert.Empty((await Villages.ListVillagesAsync(new ListVillagesRequest())).Villages);
    }

    [Fact]
    public async Task A_village_without_a_name_is_an_invalid_argument_naming_the_field()
    {
        var ex = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "NAME_REQUIRED",
            () => Villages.RegisterVillageAsync(Samples.Village("410522101203", "")).ResponseAsync);

        Assert.Contains("village name", ex.Status.Detail);
    }

    [Fact]
    public async Task Registering_the_same_village_twice_gives_one_village()
    {
        var first = await Villages.RegisterVillageAsync(Samples.Village("410522101204", "Beishan"));
        var again = await Villages.RegisterVillageAsync(Samples.Village("410522101204", "Beishan"));

        Assert.Equal(first, again);
        Assert.Single((await Villages.ListVillagesAsync(new ListVillagesRequest())).Villages);
    }

    [Fact]
    public async Task A_village_code_taken_by_another_village_is_refused_and_the_first_is_kept()
    {
        await Villages.RegisterVillageAsync(Samples.Village("410522101205", "Beishan"));

        await RpcAssert.RefusedAsync(StatusCode.AlreadyExists, "VILLAGE_CODE_TAKEN",
            () => Villages.RegisterVillageAsync(Samples.Village("410522101205", "Nanshan")).ResponseAsync);

        var kept = await Villages.GetVillageAsync(new GetVillageRequest { Code = "410522101205" });
        Assert.Equal("Beishan", kept.Name);
    }

    [Fact]
    public async Task An_unknown_village_is_not_found()
    {
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "VILLAGE_NOT_FOUND",
            () => Villages.GetVillageAsync(new GetVillageRequest { Code = "999999" }).ResponseAsync);
    }

    [Fact]
    public async Task A_supermarket_for_a_village_redemption_does_not_know_is_refused_and_not_stored()
    {
        var supermarkets = new Supermarkets.SupermarketsClient(host.Channel);

        var ex = await RpcAssert.RefusedAsync(StatusCode.NotFound, "VILLAGE_NOT_FOUND",
            () => supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
            {
                Code = "SM-02",
                Name = "Nowhere Supermarket",
                VillageCodes = { "000000000000" },
            }).ResponseAsync);

        Assert.Contains("000000000000", ex.Status.Detail);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "SUPERMARKET_NOT_FOUND",
            () => supermarkets.GetSupermarketAsync(new GetSupermarketRequest { Code = "SM-02" }).ResponseAsync);
    }

    [Fact]
    public async Task A_cooperative_without_a_kind_is_an_invalid_argument()
    {
        var cooperatives = new Cooperatives.CooperativesClient(host.Channel);

        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "KIND_INVALID",
            () => cooperatives.RegisterCooperativeAsync(new RegisterCooperativeRequest
            {
                IdempotencyKey = "register-COOP-1",
                Code = "COOP-1",
                Name = "Hilltop Tea Cooperative",
                VillageCode = "410522101201",
            }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "COOPERATIVE_NOT_FOUND",
            () => cooperatives.GetCooperativeAsync(new GetCooperativeRequest { Code = "COOP-1" }).ResponseAsync);
    }
}
