using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.Dividends.Distributions;
using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Income;

/// <summary>
/// The funds' balances change only here, each by one conditional statement with its movement
/// beside it in the same transaction: paid in when a distribution is published, spent only
/// while the fund holds enough.
/// </summary>
internal static class FundLedger
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly ChinaDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);

    /// <summary>A published distribution's reserve and welfare parts, added to the funds once (publication happens once).</summary>
    public static async Task PayInAsync(DividendsDb db, Distribution d, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (fund, amount) in new[] { (Fund.Reserve, d.ReserveFen), (Fund.Welfare, d.WelfareFen) })
        {
            if (amount > 0)
            {
                var purpose = $"Distribution {d.Id.ToString(CultureInfo.InvariantCulture)}, {d.PeriodFrom:yyyy-MM-dd} to {d.PeriodTo:yyyy-MM-dd}";
                await DepositAsync(db, d.CooperativeCode, fund, amount, purpose, ChinaDay(now), now.UtcDateTime, d.Id, ct);
            }
        }
    }

    /// <summary>Adds to a fund and records the movement with the balance after; the caller saves the movement in its transaction.</summary>
    public static async Task<FundMovement> DepositAsync(
        DividendsDb db, string cooperativeCode, Fund fund, long amount, string purpose, DateOnly on, DateTime now, long? distributionId, CancellationToken ct)
    {
        // One statement on both providers: the first payment creates the balance, later ones add to it.
        var name = fund.ToString();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO fund_balances (cooperative_code, fund, balance_fen) VALUES ({cooperativeCode}, {name}, {amount}) ON CONFLICT (cooperative_code, fund) DO UPDATE SET balance_fen = fund_balances.balance_fen + excluded.balance_fen",
            ct);
        var movement = new FundMovement
        {
            CooperativeCode = cooperativeCode,
            Fund = fund,
            AmountFen = amount,
            BalanceAfterFen = await BalanceAsync(db, cooperativeCode, fund, ct),
            DistributionId = distributionId,
            Purpose = purpose,
            OccurredOn = on,
            RecordedAt = now,
        };
        db.FundMovements.Add(movement);
        return movement;
    }

    /// <summary>Takes the amount from the fund only if it holds that much: of two spends at once, one may be refused, the fund never goes below zero.</summary>
    public static async Task<FundMovement> SpendAsync(
        DividendsDb db, string cooperativeCode, Fund fund, long amount, string purpose, DateOnly spentOn, DateTime now, CancellationToken ct)
    {
        var taken = await db.FundBalances
            .Where(b => b.CooperativeCode == cooperativeCode && b.Fund == fund && b.BalanceFen >= amount)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.BalanceFen, b => b.BalanceFen - amount), ct);
        var balance = await BalanceAsync(db, cooperativeCode, fund, ct);
        if (taken == 0)
        {
            throw DomainException.Precondition("FUND_INSUFFICIENT",
                $"The {Describe(fund)} of cooperative {cooperativeCode} holds {Yuan(balance)} yuan, less than the {Yuan(amount)} yuan to spend.",
                ("fund", fund.ToString()), ("balance_fen", balance.ToString(CultureInfo.InvariantCulture)),
                ("amount_fen", amount.ToString(CultureInfo.InvariantCulture)));
        }

        var movement = new FundMovement
        {
            CooperativeCode = cooperativeCode,
            Fund = fund,
            AmountFen = -amount,
            BalanceAfterFen = balance,
            Purpose = purpose,
            OccurredOn = spentOn,
            RecordedAt = now,
        };
        db.FundMovements.Add(movement);
        await db.SaveChangesAsync(ct);
        return movement;
    }

    public static async Task<long> BalanceAsync(DividendsDb db, string cooperativeCode, Fund fund, CancellationToken ct) =>
        await db.FundBalances.AsNoTracking().Where(b => b.CooperativeCode == cooperativeCode && b.Fund == fund)
            .Select(b => (long?)b.BalanceFen).FirstOrDefaultAsync(ct) ?? 0;

    private static string Describe(Fund fund) => fund == Fund.Reserve ? "reserve fund (公积金)" : "welfare fund (公益金)";

    private static string Yuan(long fen) =>
        (fen / 100).ToString("#,0", CultureInfo.InvariantCulture) + "." + (fen % 100).ToString("00", CultureInfo.InvariantCulture);
}
