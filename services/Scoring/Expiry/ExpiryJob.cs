using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Expiry;

/// <summary>
/// The background part of expiry (decision 0014), run by <see cref="Awards.ScoringJobs"/>: at each
/// month start, expires every village whose policy applies, in one transaction; and the policy's
/// notice days before a boundary, sends each such village's <see cref="PointsExpiring"/> once.
/// </summary>
internal sealed class ExpiryJob(ScoringDb db, ExpiryPosting posting, TimeProvider time)
{
    public const string Actor = "expiry job";

    public sealed record Result(int Villages, long Points, int Notices);

    public async Task<Result> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var policies = await db.ExpiryPolicies.AsNoTracking().Where(p => p.Rule != ExpiryRuleKind.None).ToListAsync(ct);
        if (policies.Count == 0)
        {
            return new Result(0, 0, 0);
        }

        var (villages, points) = await ExpireAsync(policies, ExpiryRules.CurrentBoundary(now), ct);
        var notices = 0;
        var next = ExpiryRules.NextBoundary(now);
        var noticed = await db.ExpiryNotices.AsNoTracking().Where(n => n.Boundary == next).Select(n => n.VillageCode).ToListAsync(ct);
        foreach (var policy in policies.Where(p => ExpiryRules.NoticeDue(p, next, now) && !noticed.Contains(p.VillageCode)))
        {
            notices += await NoticeAsync(policy, next, ct) ? 1 : 0;
        }

        return new Result(villages, points, notices);
    }

    private async Task<(int Villages, long Points)> ExpireAsync(List<VillageExpiryPolicy> policies, string boundary, CancellationToken ct)
    {
        var done = await db.ExpiredBoundaries.AsNoTracking().Where(b => b.Boundary == boundary).Select(b => b.VillageCode).ToListAsync(ct);
        var targets = policies.Where(p => ExpiryRules.Applies(p, boundary) && !done.Contains(p.VillageCode))
            .OrderBy(p => p.VillageCode, StringComparer.Ordinal)
            .Select(p => new ExpiryPosting.Target(p.VillageCode, ExpiryRules.CutPeriod(p.Rule, p.Months, boundary)))
            .ToList();
        if (targets.Count == 0)
        {
            return (0, 0);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var runs = await posting.ExpireAsync(targets, boundary, Actor, $"expiry:{boundary}", ct);
        await transaction.CommitAsync(ct);
        return (runs.Count, runs.Sum(r => r.Points));
    }

    private async Task<bool> NoticeAsync(VillageExpiryPolicy policy, string boundary, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO expiry_notices (village_code, boundary, households, points, sent_at)
            VALUES ({policy.VillageCode}, {boundary}, 0, 0, {now}) ON CONFLICT DO NOTHING
            """, ct);
        if (claimed == 0)
        {
            return false;
        }

        var cut = ExpiryRules.CutPeriod(policy.Rule, policy.Months, boundary);
        var due = await posting.DueAsync(policy.VillageCode, cut, ct);
        var ids = due.Select(d => d.HouseholdId).ToList();
        var numbers = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE expiry_notices SET households = {due.Count}, points = {due.Sum(d => d.Points)}
            WHERE village_code = {policy.VillageCode} AND boundary = {boundary}
            """, ct);
        db.AddEvent(new PointsExpiring(Guid.NewGuid(), time.GetUtcNow(), policy.VillageCode, boundary,
            new DateTimeOffset(ExpiryRules.Start(boundary)), cut,
            due.Select(d => new ExpiringHousehold(numbers[d.HouseholdId], d.Points)).ToList()));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
