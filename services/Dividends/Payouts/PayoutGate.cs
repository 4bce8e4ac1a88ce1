using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.Dividends.Distributions;
using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Payouts;

/// <summary>
/// What must hold before any payout of a distribution is created: published, its public notice
/// over, no objection unanswered. Run inside the caller's transaction: it locks the distribution's
/// row first (LodgeObjection takes the same lock, then reads the clock), so an objection in the
/// notice's last instant either commits before the look or finds the notice over.
/// </summary>
internal static class PayoutGate
{
    public static async Task<Distribution> OpenAsync(DividendsDb db, long distributionId, DateTime now, CancellationToken ct)
    {
        await db.Distributions.Where(x => x.Id == distributionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, x => x.Status), ct);
        var d = await db.Distributions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == distributionId, ct)
            ?? throw DomainException.NotFound("DISTRIBUTION_NOT_FOUND", $"No distribution {distributionId} exists.");
        if (d.Status is DistributionStatus.Draft or DistributionStatus.Approved)
        {
            throw DomainException.Precondition("DISTRIBUTION_NOT_PUBLISHED",
                $"Distribution {d.Id} is {d.Status.ToString().ToLowerInvariant()}: it must be approved and published, and its public notice over, before anything is paid.");
        }

        if (now < d.NoticeEndsAt)
        {
            throw DomainException.Precondition("NOTICE_NOT_ENDED",
                $"The public notice of distribution {d.Id} runs until {d.NoticeEndsAt:yyyy-MM-dd HH:mm} UTC; pay after it ends.");
        }

        await RefuseWhileObjectionsOpenAsync(db, d.Id, ct);
        return d;
    }

    // Objections can be lodged only during the notice and payouts start only after it, so this one
    // check holds back every payment: outcomes, retries and the bank file all need a created payout.
    private static async Task RefuseWhileObjectionsOpenAsync(DividendsDb db, long distributionId, CancellationToken ct)
    {
        var open = db.Objections.AsNoTracking().Where(o => o.DistributionId == distributionId && o.Status == ObjectionStatus.Open);
        var first = await open.OrderBy(o => o.Id)
            .Join(db.Members.AsNoTracking(), o => o.MemberId, m => m.Id, (o, m) => new { o.Id, o.MemberId, m.HeadName, o.LodgedAt })
            .FirstOrDefaultAsync(ct);
        if (first is null)
        {
            return;
        }

        var count = await open.CountAsync(ct);
        throw DomainException.Precondition("OBJECTIONS_OPEN",
            $"Distribution {distributionId} has {count} unanswered objection{(count == 1 ? string.Empty : "s")} from its public notice " +
            $"(the first, {first.Id}, by member {first.MemberId} {first.HeadName}, lodged {first.LodgedAt:yyyy-MM-dd}); " +
            "nothing can be paid until the cooperative answers them: resolve them with ResolveObjection first.",
            ("open_objections", count.ToString(CultureInfo.InvariantCulture)), ("objection_id", first.Id.ToString(CultureInfo.InvariantCulture)));
    }
}
