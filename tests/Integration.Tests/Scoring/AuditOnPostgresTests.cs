using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Xunit;
using AuditApi = Platform.Contracts.Audit.V1;

namespace Platform.Integration.Tests.Scoring;

/// <summary>
/// The audit trail on PostgreSQL, where records of calls ending together are written as one
/// binary COPY: every record arrives, with its nulls, its refusals, and hostile characters and
/// lengths made storable.
/// </summary>
public sealed class AuditOnPostgresTests(ScoringOnPostgres scoring) : IClassFixture<ScoringOnPostgres>
{
    private const string Subject = "Audit on PostgreSQL (village admin Qian Hui)";
    private const int Concurrent = 60;

    [Fact]
    public async Task Concurrent_writes_and_refusals_are_all_recorded_and_read_back_as_auditors_see_them()
    {
        using var admin = scoring.App.ChannelWithToken(TestTokens.Mint(Role.VillageAdmin, subject: Subject, villages: [scoring.Village]));
        var rules = new Rules.RulesClient(admin);
        await Task.WhenAll(Enumerable.Range(1, Concurrent).Select(i => rules.DefineRuleAsync(new DefineRuleRequest
        {
            IdempotencyKey = $"audit-pg-{i}", VillageCode = scoring.Village, Code = $"AUDIT-{i:00}", Name = $"Audit rule {i}", Points = i, Actor = "Qian Hui",
        }).ResponseAsync));
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await rules.DefineRuleAsync(new DefineRuleRequest
        {
            IdempotencyKey = "audit-pg-bad", VillageCode = scoring.Village, Code = "BAD\0CODE", Name = "A bad rule", Points = 1, Actor = "Qian Hui",
        }));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var tooLong = new string('V', 1_000);
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await rules.DefineRuleAsync(new DefineRuleRequest
        {
            IdempotencyKey = "audit-pg-long", VillageCode = tooLong, Code = "LONG", Name = "A rule for a village too long", Points = 1, Actor = "Qian Hui",
        }));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        using var auditor = scoring.App.ChannelWithToken(TestTokens.Mint(Role.Auditor, subject: "County audit office"));
        var trail = (await new AuditTrail.AuditTrailClient(auditor).ListAuditRecordsAsync(
            new AuditApi.ListAuditRecordsRequest { Actor = Subject, PageSize = 500 })).Records;

        // Every record of the run is there, the refusals' included: one that cannot be stored
        // would take the rest of its batch with it.
        Assert.Equal(Concurrent + 2, trail.Count);
        Assert.All(trail, r => Assert.Equal("/platform.scoring.v1.Rules/DefineRule", r.Method));
        var outOfScope = Assert.Single(trail, r => r.Outcome == "PermissionDenied");
        Assert.Equal("OUT_OF_SCOPE", outOfScope.Reason);
        Assert.Equal(AuditRecord.MaxText, outOfScope.VillageCode.Length);
        Assert.EndsWith("…", outOfScope.VillageCode, StringComparison.Ordinal);
        trail.Remove(outOfScope);
        Assert.All(trail, r => Assert.Equal(scoring.Village, r.VillageCode));
        Assert.All(trail, r => Assert.Equal("village_admin", r.Roles));
        Assert.All(trail, r => Assert.Equal(scoring.Clock.GetUtcNow().UtcDateTime, r.At.ToDateTime()));
        var ok = trail.Where(r => r.Outcome == "OK").ToList();
        Assert.Equal(Enumerable.Range(1, Concurrent).Select(i => $"audit-pg-{i}").Order(), ok.Select(r => r.RequestId).Order());
        Assert.All(ok, r => Assert.Equal("", r.Reason));
        Assert.Contains(ok, r => r.KeyFields.Contains("code=AUDIT-07", StringComparison.Ordinal));

        var bad = Assert.Single(trail, r => r.Outcome == "InvalidArgument");
        Assert.Equal("audit-pg-bad", bad.RequestId);
        Assert.False(string.IsNullOrEmpty(bad.Reason));
        Assert.Contains("BAD\uFFFDCODE", bad.KeyFields, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', bad.KeyFields);
    }
}
