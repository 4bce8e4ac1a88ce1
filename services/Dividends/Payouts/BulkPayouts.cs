using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Payouts;

/// <summary>
/// Creates every missing payout of a distribution at once, by the members' payment details. Runs in
/// the keyed write's transaction after PayoutGate has locked the distribution's row, so two calls at
/// once (under different keys) take turns and the second finds the first's payouts; the unique index
/// on (distribution, member) stands behind it.
/// </summary>
internal static class BulkPayouts
{
    public static string IdFor(long distributionId, long memberId) => $"D{distributionId}-M{memberId}";

    public static async Task<Api.CreatePayoutsResponse> CreateAsync(DividendsDb db, long distributionId, DateTime now, CancellationToken ct)
    {
        var d = await PayoutGate.OpenAsync(db, distributionId, now, ct);
        var owed = await db.AllocationLines.AsNoTracking().Where(l => l.DistributionId == d.Id && l.TotalFen > 0)
            .OrderBy(l => l.MemberId).Select(l => new { l.MemberId, l.TotalFen }).ToListAsync(ct);
        var paidAlready = (await db.Payouts.AsNoTracking().Where(p => p.DistributionId == d.Id).Select(p => p.MemberId).ToListAsync(ct)).ToHashSet();
        var details = await db.PaymentDetails.AsNoTracking().Where(p => p.CooperativeCode == d.CooperativeCode)
            .Join(db.AllocationLines.Where(l => l.DistributionId == d.Id && l.TotalFen > 0), p => p.MemberId, l => l.MemberId, (p, _) => p)
            .ToDictionaryAsync(p => p.MemberId, ct);

        var answer = new Api.CreatePayoutsResponse { AlreadyCreated = owed.Count(l => paidAlready.Contains(l.MemberId)) };
        var created = new List<Payout>();
        foreach (var line in owed.Where(l => !paidAlready.Contains(l.MemberId)))
        {
            if (!details.TryGetValue(line.MemberId, out var how))
            {
                answer.MembersWithoutDetails.Add(line.MemberId);
                continue;
            }

            created.Add(new Payout
            {
                PayoutId = IdFor(d.Id, line.MemberId),
                DistributionId = d.Id,
                CooperativeCode = d.CooperativeCode,
                MemberId = line.MemberId,
                AmountFen = line.TotalFen,
                Method = how.Method,
                Account = how.Account,
                Status = PayoutStatus.Pending,
                CreatedAt = now,
            });
        }

        db.Payouts.AddRange(created);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw DomainException.Precondition("PAYOUTS_CHANGED",
                $"Payouts of distribution {d.Id} were created by someone else meanwhile; call again with a new key to create what is still missing.");
        }

        answer.Created.AddRange(created.Select(PayoutMapping.ToApi));
        return answer;
    }
}
