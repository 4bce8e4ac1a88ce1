using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Security;
using Xunit;

namespace Platform.Shared.Tests;

/// <summary>What each configured key may sign, and the access table's naming of services.</summary>
public sealed class KeySplitTests
{
    private static readonly string People = PublicPem();
    private static readonly string Redemption = PublicPem();

    [Fact]
    public void A_distributed_service_reads_people_keys_service_keys_and_signs_its_tokens_with_its_own_name()
    {
        var options = From(("Platform:Mode", "Distributed"), ("Platform:Auth:PeopleKeys", People),
            ("Platform:Auth:ServiceKeys:Redemption", Redemption));
        var keys = new SigningKeys(options);

        Assert.True(options.SplitKeys);
        Assert.Equal("scoring", options.ServiceName);
        Assert.Equal(2, keys.Trusted.Count);
        Assert.Equal(KeyTrust.People, keys.TrustOf(keys.Trusted[0].KeyId));
        Assert.Equal(KeyTrust.OfService("redemption"), keys.TrustOf(keys.Trusted[1].KeyId));
        Assert.Equal("service:redemption", keys.TrustOf(keys.Trusted[1].KeyId)!.ServiceSubject);
    }

    [Fact]
    public void With_split_keys_the_own_signing_key_is_not_trusted_for_tokens_received()
    {
        var own = SigningKeys.LoadPrivate(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(), createIfMissing: false);
        var keys = new SigningKeys(From(("Platform:Mode", "Distributed"), ("Platform:Auth:SigningKey", own.ECDsa.ExportPkcs8PrivateKeyPem()),
            ("Platform:Auth:PeopleKeys", People)));

        Assert.NotNull(keys.Signing);
        Assert.Null(keys.TrustOf(own.KeyId));
    }

    [Fact]
    public void One_key_alone_signs_everything_as_in_the_embedded_host()
    {
        var own = SigningKeys.LoadPrivate(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(), createIfMissing: false);
        var keys = new SigningKeys(From(("Platform:Auth:SigningKey", own.ECDsa.ExportPkcs8PrivateKeyPem())));

        Assert.Equal(KeyTrust.Everything, keys.TrustOf(own.KeyId));
    }

    [Fact]
    public void A_key_both_for_people_and_for_a_service_is_refused_at_start()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new SigningKeys(From(("Platform:Mode", "Distributed"),
            ("Platform:Auth:PeopleKeys", People), ("Platform:Auth:ServiceKeys:redemption", People))));

        Assert.Contains("never both", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_allowing_the_service_role_without_naming_services_is_refused_when_the_policy_is_built()
    {
        var table = new AccessTable().Service(Grpc.Health.V1.Health.Descriptor)
            .Read<Grpc.Health.V1.HealthCheckRequest>("Check", [Role.Service], r => Scope.None);

        var ex = Assert.Throws<InvalidOperationException>(() => new AccessPolicy([table]));
        Assert.Contains("ForServices", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_naming_its_services_allows_those_and_callers_without_a_service_key()
    {
        var table = new AccessTable().Service(Grpc.Health.V1.Health.Descriptor)
            .Read<Grpc.Health.V1.HealthCheckRequest>("Check", [Role.Service], r => Scope.None).ForServices("redemption");
        var rule = new AccessPolicy([table]).Rules.Single();

        Assert.True(rule.AllowsService("redemption"));
        Assert.False(rule.AllowsService("dividends"));
        Assert.True(rule.AllowsService(null));
    }

    [Fact]
    public void Naming_services_on_a_line_closed_to_services_is_a_mistake()
    {
        Assert.Throws<InvalidOperationException>(() => new AccessTable().Service(Grpc.Health.V1.Health.Descriptor)
            .Read<Grpc.Health.V1.HealthCheckRequest>("Check", [Role.CountyAdmin], r => Scope.None).ForServices("redemption"));
    }

    [Fact]
    public async Task A_distributed_services_own_token_is_accepted_by_another_service_as_that_named_service()
    {
        var redemptionKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var settings = Configuration(("Platform:Mode", "Distributed"),
            ("Platform:Auth:SigningKey", redemptionKey.ExportPkcs8PrivateKeyPem()), ("Platform:Auth:PeopleKeys", People));
        var redemption = AuthOptions.From(settings, PlatformOptions.From(settings), "redemption");
        var token = await new ServiceToken(redemption, new SigningKeys(redemption),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ApplicationName = "testhost" }).GetAsync();
        var scoring = new SigningKeys(From(("Platform:Mode", "Distributed"), ("Platform:Auth:PeopleKeys", People),
            ("Platform:Auth:ServiceKeys:redemption", redemptionKey.ExportSubjectPublicKeyInfoPem())));

        var caller = await new TokenValidator(scoring).ValidateAsync("Bearer " + token);

        Assert.Equal("service:redemption", caller.Subject);
        Assert.Equal("redemption", caller.ServiceName);
        Assert.Equal([Role.Service], caller.Roles);
    }

    private static AuthOptions From(params (string Key, string Value)[] values) =>
        AuthOptions.From(Configuration(values), PlatformOptions.From(Configuration(values)), "scoring");

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))
                .Append(new("Platform:Postgres", "Host=127.0.0.1")).Append(new("Platform:RabbitMq", "amqp://127.0.0.1/"))
                .Append(new("Platform:Redis", "127.0.0.1")))
            .Build();

    private static string PublicPem() => ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfoPem();
}
