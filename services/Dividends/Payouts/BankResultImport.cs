using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Payouts;

/// <summary>
/// Applies the bank's result file to a distribution's payouts, line by line, each by the conditional
/// update of PayoutOutcomes: a payout is paid at most once, and a line for a payout already paid
/// under another reference is reported, never applied. The file's hash keys the call, so the same
/// file imported again answers as the first time.
/// </summary>
internal static class BankResultImport
{
    public static async Task<Api.ImportBankResultResponse> ApplyAsync(
        DividendsDb db, long distributionId, IReadOnlyList<BankResultLine> lines, string hash, DateTimeOffset now, CancellationToken ct)
    {
        if (!await db.Distributions.AnyAsync(d => d.Id == distributionId, ct))
        {
            throw DomainException.NotFound("DISTRIBUTION_NOT_FOUND", $"No distribution {distributionId} exists.");
        }

        var payouts = await db.Payouts.AsNoTracking().Where(p => p.DistributionId == distributionId).ToListAsync(ct);
        var byId = payouts.ToDictionary(p => p.PayoutId, StringComparer.Ordinal);
        var answer = new Api.ImportBankResultResponse { FileHash = hash };
        foreach (var line in lines)
        {
            var result = new Api.ResultLine { LineNumber = line.LineNumber };
            answer.Lines.Add(result);
            var (payout, why) = Find(line, byId, payouts);
            if (payout is null || payout.AmountFen != line.AmountFen)
            {
                Refuse(result, why ?? $"the amount {BankTransferCsv.Yuan(line.AmountFen)} is not payout {payout!.PayoutId}'s {BankTransferCsv.Yuan(payout.AmountFen)} yuan.");
                result.PayoutId = payout?.PayoutId ?? string.Empty;
                continue;
            }

            result.PayoutId = payout.PayoutId;
            var (changed, found) = await PayoutOutcomes.ApplyAsync(db, payout.PayoutId, line.Paid, line.Note, now, ct);
            var current = found!;
            if (changed)
            {
                result.Outcome = Api.ResultLineOutcome.Applied;
            }
            else if (line.Paid && current.Status == PayoutStatus.Paid)
            {
                if (line.Note is null || line.Note == current.Reference)
                {
                    result.Outcome = Api.ResultLineOutcome.AlreadyApplied;
                }
                else
                {
                    Refuse(result, $"payout {current.PayoutId} was already paid with reference '{current.Reference}'; this line's '{line.Note}' would be a second payment. If money went out twice, recover it outside this system.");
                }
            }
            else if (!line.Paid && current.Status == PayoutStatus.Failed && current.FailureReason == line.Note)
            {
                result.Outcome = Api.ResultLineOutcome.AlreadyApplied;
            }
            else
            {
                Refuse(result, $"payout {current.PayoutId} is {current.Status.ToString().ToLowerInvariant()}; only a pending payout can be paid or fail (retry a failed one first).");
            }
        }

        answer.Applied = answer.Lines.Count(l => l.Outcome == Api.ResultLineOutcome.Applied);
        answer.AlreadyApplied = answer.Lines.Count(l => l.Outcome == Api.ResultLineOutcome.AlreadyApplied);
        answer.Refused = answer.Lines.Count(l => l.Outcome == Api.ResultLineOutcome.Refused);
        return answer;
    }

    private static (Payout? Payout, string? Why) Find(BankResultLine line, Dictionary<string, Payout> byId, List<Payout> payouts)
    {
        if (byId.TryGetValue(line.PayoutOrAccount, out var payout))
        {
            return (payout, null);
        }

        var byAccount = payouts.Where(p => p.Account == line.PayoutOrAccount).ToList();
        return byAccount.Count switch
        {
            1 => (byAccount[0], null),
            0 => (null, $"no payout of this distribution has the id or account '{Input.Quote(line.PayoutOrAccount)}'."),
            _ => (null, $"{byAccount.Count} payouts of this distribution go to account '{Input.Quote(line.PayoutOrAccount)}'; name the payout id instead."),
        };
    }

    private static void Refuse(Api.ResultLine result, string why)
    {
        result.Outcome = Api.ResultLineOutcome.Refused;
        result.Reason = why;
    }
}
