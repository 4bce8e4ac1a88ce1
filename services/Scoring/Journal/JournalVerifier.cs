using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Journal;

/// <summary>
/// Recomputes a village's hash chain from its entries and every household's balance and held
/// points from its entries and holds, and names the first thing that does not match. Reads
/// only, in one snapshot: an auditor can run it against a live database, and an entry sealed,
/// a hold ended or points spent between two of its reads is not taken for a broken ledger.
/// </summary>
internal sealed class JournalVerifier(ScoringDb db)
{
    public const int Page = 10_000;

    public async Task<Api.JournalVerification> VerifyAsync(string village, CancellationToken ct)
    {
        await using var snapshot = await BeginSnapshotAsync(ct);
        var result = new Api.JournalVerification { VillageCode = village, Intact = true, Finding = "intact" };
        var head = await db.JournalHeads.AsNoTracking().FirstOrDefaultAsync(h => h.VillageCode == village, ct);
        var expected = EntryHash.Genesis;
        long seq = 0;
        long afterSeq = 0;
        while (result.Intact)
        {
            var page = await db.Entries.AsNoTracking().Where(e => e.VillageCode == village && e.ChainSeq != null && e.ChainSeq > afterSeq)
                .OrderBy(e => e.ChainSeq).Take(Page).ToListAsync(ct);
            foreach (var entry in page)
            {
                seq++;
                result.EntriesChecked++;
                if (entry.ChainSeq != seq)
                {
                    Fail(result, entry.Id, $"entry {entry.Id} stands at place {entry.ChainSeq} of the chain where place {seq} was expected: an entry is missing before it");
                    break;
                }

                var recomputed = EntryHash.Of(entry, seq, expected);
                if (recomputed != entry.Hash)
                {
                    Fail(result, entry.Id, $"entry {entry.Id} (place {seq}) does not match its hash: its contents or the chain before it were changed after it was sealed");
                    break;
                }

                expected = recomputed;
            }

            if (page.Count < Page)
            {
                break;
            }

            afterSeq = page[^1].ChainSeq!.Value;
        }

        if (result.Intact && (head?.LastSeq ?? 0) != seq)
        {
            Fail(result, 0, $"the chain's head says {head?.LastSeq ?? 0} entries were sealed, but {seq} are in the journal: sealed entries were removed");
        }
        else if (result.Intact && head is not null && head.LastHash != expected)
        {
            Fail(result, 0, "the chain's head hash does not match its last entry");
        }

        result.ChainLength = head?.LastSeq ?? 0;
        result.HeadHash = head?.LastHash ?? EntryHash.Genesis;
        result.EntriesUnsealed = await db.Entries.AsNoTracking().CountAsync(e => e.VillageCode == village && e.Hash == null, ct);
        await CheckBalancesAsync(village, result, ct);
        return result;
    }

    /// <summary>
    /// A read-only transaction whose reads all see the database as it was at the first: REPEATABLE
    /// READ on PostgreSQL; on SQLite (WAL) a deferred transaction, which takes no write lock, so
    /// the counter goes on selling while the journal is verified. Found by the fault runner (seed
    /// 1332): the holds were read, Scoring's pass ended one, and the accounts read next showed
    /// "0 points held but its active holds add up to 6".
    /// </summary>
    private async Task<IAsyncDisposable> BeginSnapshotAsync(CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);
            return transaction;
        }

        await db.Database.OpenConnectionAsync(ct);
        var deferred = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        var used = await db.Database.UseTransactionAsync(deferred, ct) ?? throw new InvalidOperationException("EF Core did not take the transaction");
        return new Both(used, deferred);
    }

    /// <summary>EF Core's view of a transaction it was given does not end that transaction: both are ended.</summary>
    private sealed class Both(IDbContextTransaction used, SqliteTransaction deferred) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await used.DisposeAsync();
            await deferred.DisposeAsync();
        }
    }

    private async Task CheckBalancesAsync(string village, Api.JournalVerification result, CancellationToken ct)
    {
        var sums = await db.Entries.AsNoTracking().Where(e => e.VillageCode == village).GroupBy(e => e.HouseholdId)
            .Select(g => new { g.Key, Sum = g.Sum(e => e.Points) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var held = await db.Holds.AsNoTracking().Where(h => h.VillageCode == village && h.Status == HoldStatus.Active).GroupBy(h => h.HouseholdId)
            .Select(g => new { g.Key, Sum = g.Sum(h => h.Points) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.VillageCode == village)
            .Join(db.Households.AsNoTracking(), a => a.HouseholdId, h => h.Id, (a, h) => new { a.HouseholdId, h.Number, a.Balance, a.Held })
            .OrderBy(a => a.Number).ToListAsync(ct);
        foreach (var account in accounts)
        {
            result.HouseholdsChecked++;
            var fromEntries = sums.GetValueOrDefault(account.HouseholdId);
            var fromHolds = held.GetValueOrDefault(account.HouseholdId);
            if (account.Balance != fromEntries || account.Held != fromHolds)
            {
                result.FirstBadHouseholdNumber = account.Number;
                var finding = account.Balance != fromEntries
                    ? $"household {account.Number} shows a balance of {account.Balance} but its entries add up to {fromEntries}"
                    : $"household {account.Number} shows {account.Held} points held but its active holds add up to {fromHolds}";
                result.Finding = result.Intact ? finding : $"{result.Finding}; {finding}";
                result.Intact = false;
                return;
            }
        }
    }

    private static void Fail(Api.JournalVerification result, long entryId, string finding)
    {
        result.Intact = false;
        result.FirstBadEntryId = entryId;
        result.Finding = finding;
    }
}
