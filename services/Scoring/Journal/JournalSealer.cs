using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.Scoring.Data;

namespace Platform.Scoring.Journal;

/// <summary>
/// Chains entries after they commit, in the order they are sealed (not their ids, which commit
/// out of order), so the hot paths (a capture at the counter, the month-end posting) never wait
/// on a per-village lock. A seal moves the village's head with a conditional update: two sealers
/// at once cannot both extend the chain.
/// </summary>
internal sealed class JournalSealer(ScoringDb db, TimeProvider time)
{
    public const int Batch = 5_000;

    public async Task<(long Sealed, JournalHead Head)> SealAsync(string village, CancellationToken ct)
    {
        long sealedCount = 0;
        while (true)
        {
            var head = await db.JournalHeads.AsNoTracking().FirstOrDefaultAsync(h => h.VillageCode == village, ct)
                ?? new JournalHead { VillageCode = village, LastSeq = 0, LastHash = EntryHash.Genesis };
            var entries = await db.Entries.AsNoTracking().Where(e => e.VillageCode == village && e.Hash == null)
                .OrderBy(e => e.Id).Take(Batch).ToListAsync(ct);
            if (entries.Count == 0)
            {
                return (sealedCount, head);
            }

            var seq = head.LastSeq;
            var hash = head.LastHash;
            var chained = new List<(long Id, long Seq, string Hash)>(entries.Count);
            foreach (var entry in entries)
            {
                seq++;
                hash = EntryHash.Of(entry, seq, hash);
                chained.Add((entry.Id, seq, hash));
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            var moved = head.LastSeq == 0 && head.SealedAt == default
                ? await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO journal_heads (village_code, last_seq, last_hash, sealed_at) VALUES ({village}, {seq}, {hash}, {now}) ON CONFLICT (village_code) DO NOTHING", ct)
                : await db.Database.ExecuteSqlAsync(
                    $"UPDATE journal_heads SET last_seq = {seq}, last_hash = {hash}, sealed_at = {now} WHERE village_code = {village} AND last_seq = {head.LastSeq}", ct);
            if (moved == 0)
            {
                // Another sealer extended the chain meanwhile; start again from its head.
                await transaction.RollbackAsync(ct);
                continue;
            }

            await WriteAsync(chained, ct);
            await transaction.CommitAsync(ct);
            sealedCount += chained.Count;
        }
    }

    /// <summary>Villages with entries not yet chained.</summary>
    public Task<List<string>> PendingVillagesAsync(CancellationToken ct) =>
        db.Entries.AsNoTracking().Where(e => e.Hash == null).Select(e => e.VillageCode).Distinct().ToListAsync(ct);

    private async Task WriteAsync(List<(long Id, long Seq, string Hash)> chained, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var command = new NpgsqlCommand("""
                UPDATE ledger_entries e SET chain_seq = c.seq, hash = c.hash
                FROM unnest(@ids, @seqs, @hashes) AS c(id, seq, hash)
                WHERE e.id = c.id AND e.hash IS NULL
                """, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            command.Parameters.AddWithValue("ids", chained.Select(c => c.Id).ToArray());
            command.Parameters.AddWithValue("seqs", chained.Select(c => c.Seq).ToArray());
            command.Parameters.AddWithValue("hashes", chained.Select(c => c.Hash).ToArray());
            await command.ExecuteNonQueryAsync(ct);
            return;
        }

        foreach (var (id, seq, hash) in chained)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE ledger_entries SET chain_seq = {seq}, hash = {hash} WHERE id = {id} AND hash IS NULL", ct);
        }
    }
}
