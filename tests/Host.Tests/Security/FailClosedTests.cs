using Grpc.Core;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Xunit;
using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.Host.Tests.Security;

public sealed class FailClosedTests
{
    [Fact]
    public async Task An_RPC_without_an_access_rule_is_refused_even_to_a_token_with_every_role()
    {
        using var data = new TempFolder();
        await using var host = await RunningApp.StartAsync(
            args => Program.Build(args, services =>
            {
                // As if Redemption had shipped an RPC and forgotten its line: drop its whole table.
                var redemption = services.Single(d => d.ServiceType == typeof(AccessTable)
                    && ((AccessTable)d.ImplementationInstance!).Rules.Any(r => r.Method.Service.FullName.StartsWith("platform.redemption.", StringComparison.Ordinal)));
                services.Remove(redemption);
            }),
            new Dictionary<string, string?> { ["Platform:Mode"] = "Embedded", ["Platform:DataFolder"] = data.Path });

        var ex = await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ACCESS_RULE_MISSING",
            async () => await new RedemptionApi.Supermarkets.SupermarketsClient(host.Channel)
                .GetSupermarketAsync(new RedemptionApi.GetSupermarketRequest { Code = "SM1" }));
        Assert.Contains("/platform.redemption.v1.Supermarkets/GetSupermarket", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_host_creates_its_key_on_first_start_and_keeps_it_and_tokens_minted_with_it_are_accepted()
    {
        using var data = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Platform:Mode"] = "Embedded", ["Platform:DataFolder"] = data.Path, ["Platform:Auth:SigningKey"] = "",
        };
        var keyFile = AuthOptions.DefaultKeyFile(data.Path);
        string firstKey;
        await using (var first = await RunningApp.StartAsync(args => Program.Build(args), settings))
        {
            Assert.True(File.Exists(keyFile));
            firstKey = await File.ReadAllTextAsync(keyFile);
            // The test run's own token is not signed by this host's key.
            await RpcAssert.RefusedAsync(StatusCode.Unauthenticated, "TOKEN_SIGNATURE_INVALID",
                async () => await new RedemptionApi.Supermarkets.SupermarketsClient(first.Channel).ListKnownVillagesAsync(new RedemptionApi.ListKnownVillagesRequest()));
        }

        await using var second = await RunningApp.StartAsync(args => Program.Build(args), settings);
        Assert.Equal(firstKey, await File.ReadAllTextAsync(keyFile));
        var token = TokenIssuer.Mint(SigningKeys.LoadPrivate(keyFile, createIfMissing: false), AuthOptions.DefaultIssuer,
            new TokenRequest("Wang Fang", [Role.Clerk], TimeSpan.FromDays(30)) { Supermarkets = ["SM1"] });
        using var clerk = second.ChannelWithToken(token);
        var villages = await new RedemptionApi.Supermarkets.SupermarketsClient(clerk).ListKnownVillagesAsync(new RedemptionApi.ListKnownVillagesRequest());
        Assert.Empty(villages.Villages);
    }
}
