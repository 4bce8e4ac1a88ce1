using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts.Dividends.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Dividends.Tests.Grpc;

/// <summary>An objection lodged during the public notice holds back payment until the cooperative answers it.</summary>
public sealed class ObjectionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero));
    private DividendsApp app = null!;
    private string code = null!;
    private long[] members = null!;
    private long distributionId;
    private Objection objection = null!;

    public async Task InitializeAsync()
    {
        app = await DividendsApp.StartAsync(clock);
        (code, members) = await WorkedExample.SetUpAsync(app.Cooperatives, app.Members, app.Distributions);
        distributionId = (await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code))).DistributionId;
        await BoardSignatures.ApproveAsync(app.Host, code, distributionId);
        await app.Distributions.PublishDistributionAsync(new PublishDistributionRequest { IdempotencyKey = "publish", DistributionId = distributionId, NoticeDays = 7 });
        objection = await app.Distributions.LodgeObjectionAsync(new LodgeObjectionRequest
        {
            IdempotencyKey = "objection-1", DistributionId = distributionId, MemberId = members[4], Text = "My land shares are missing.",
        });
        clock.Advance(TimeSpan.FromDays(8));
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<Payout> PayAsync(string payoutId) =>
        app.Payouts.CreatePayoutAsync(new CreatePayoutRequest
        {
            PayoutId = payoutId, DistributionId = distributionId, MemberId = members[4], Method = PayoutMethod.Cash,
        }).ResponseAsync;

    private static ResolveObjectionRequest Resolve(long distributionId, long objectionId, string key) => new()
    {
        IdempotencyKey = key, DistributionId = distributionId, ObjectionId = objectionId,
        Resolution = "Checked against the land register: the shares are counted in the population class.", ResolvedBy = "Zhao Min",
    };

    private async Task<Objection> StoredAsync() =>
        Assert.Single((await app.Distributions.GetDistributionAsync(new GetDistributionRequest { DistributionId = distributionId })).Objections);

    [Fact]
    public async Task An_open_objection_holds_back_payment_until_it_is_resolved()
    {
        var refused = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "OBJECTIONS_OPEN", () => PayAsync("P-HELD"));

        Assert.Equal(ObjectionStatus.Open, objection.Status);
        Assert.Equal(ObjectionStatus.Open, (await StoredAsync()).Status);
        Assert.Contains("1 unanswered objection ", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"by member {members[4]} Head of household 5, lodged 2026-11-10", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("ResolveObjection", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await app.PayoutCountAsync());

        var resolved = await app.Distributions.ResolveObjectionAsync(Resolve(distributionId, objection.ObjectionId, "resolve-1"));
        var payout = await PayAsync("P-AFTER");

        Assert.Equal((ObjectionStatus.Resolved, "Zhao Min"), (resolved.Status, resolved.ResolvedBy));
        Assert.StartsWith("Checked against the land register", resolved.Resolution, StringComparison.Ordinal);
        Assert.Equal(clock.GetUtcNow(), resolved.ResolvedAt.ToDateTimeOffset());
        Assert.Equal(resolved, await StoredAsync());
        Assert.Equal((PayoutStatus.Pending, 2_583_333L), (payout.Status, payout.AmountFen));
        Assert.Equal(1, await app.PayoutCountAsync());
    }

    [Fact]
    public async Task Resolving_twice_is_refused_under_another_key_and_replayed_under_the_same_key()
    {
        var first = await app.Distributions.ResolveObjectionAsync(Resolve(distributionId, objection.ObjectionId, "resolve-1"));
        clock.Advance(TimeSpan.FromHours(1));

        var replay = await app.Distributions.ResolveObjectionAsync(Resolve(distributionId, objection.ObjectionId, "resolve-1"));
        var other = Resolve(distributionId, objection.ObjectionId, "resolve-2");
        other.Resolution = "A second answer";
        var refused = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ALREADY_RESOLVED",
            () => app.Distributions.ResolveObjectionAsync(other).ResponseAsync);

        Assert.Equal(first, replay);
        Assert.Contains("Zhao Min", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(first, await StoredAsync());
    }

    [Fact]
    public async Task An_unknown_objection_or_one_of_another_distribution_is_not_found()
    {
        var other = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code, "draft-other"));

        await RpcAssert.RefusedAsync(StatusCode.NotFound, "OBJECTION_NOT_FOUND",
            () => app.Distributions.ResolveObjectionAsync(Resolve(distributionId, 999_999, "resolve-unknown")).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "OBJECTION_NOT_FOUND",
            () => app.Distributions.ResolveObjectionAsync(Resolve(other.DistributionId, objection.ObjectionId, "resolve-elsewhere")).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "DISTRIBUTION_NOT_FOUND",
            () => app.Distributions.ResolveObjectionAsync(Resolve(999_999, objection.ObjectionId, "resolve-no-distribution")).ResponseAsync);

        Assert.Equal(ObjectionStatus.Open, (await StoredAsync()).Status);
    }

    [Theory]
    [InlineData("resolution", "", "Zhao Min", "RESOLUTION_REQUIRED")]
    [InlineData("resolution", "   ", "Zhao Min", "RESOLUTION_REQUIRED")]
    [InlineData("resolution", "x501", "Zhao Min", "RESOLUTION_INVALID")]
    [InlineData("resolved_by", "The figures stand.", "", "RESOLVED_BY_REQUIRED")]
    [InlineData("resolved_by", "The figures stand.", "x101", "RESOLVED_BY_INVALID")]
    public async Task A_missing_or_too_long_answer_is_refused_and_the_objection_stays_open(string field, string resolution, string resolvedBy, string reason)
    {
        var request = Resolve(distributionId, objection.ObjectionId, "resolve-bad");
        request.Resolution = Expand(resolution);
        request.ResolvedBy = Expand(resolvedBy);

        var refused = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, reason,
            () => app.Distributions.ResolveObjectionAsync(request).ResponseAsync);

        Assert.Equal(field, refused.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["field"]);
        var stored = await StoredAsync();
        Assert.Equal((ObjectionStatus.Open, string.Empty, string.Empty, null), (stored.Status, stored.Resolution, stored.ResolvedBy, stored.ResolvedAt));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "OBJECTIONS_OPEN", () => PayAsync("P-HELD"));
        Assert.Equal(0, await app.PayoutCountAsync());
    }

    // "x501" stands for 501 characters: too long to be worth writing out in an attribute.
    private static string Expand(string value) =>
        value.StartsWith('x') && int.TryParse(value[1..], out var length) ? new string('字', length) : value;
}
