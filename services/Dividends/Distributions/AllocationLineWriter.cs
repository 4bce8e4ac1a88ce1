using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Dividends.Data;

namespace Platform.Dividends.Distributions;

/// <summary>
/// Saves a distribution's lines set-based: binary COPY on PostgreSQL (a county cooperative can
/// have 100,000 members), plain inserts on SQLite. Runs inside the caller's transaction.
/// </summary>
internal static class AllocationLineWriter
{
    public static async Task ReplaceAsync(DividendsDb db, long distributionId, IReadOnlyList<AllocationLine> lines, CancellationToken ct)
    {
        await db.AllocationLines.Where(l => l.DistributionId == distributionId).ExecuteDeleteAsync(ct);
        if (db.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY allocation_lines (\"DistributionId\", \"MemberId\", \"GuaranteedFen\", \"PatronageFen\", \"SharesFen\", \"TotalFen\") FROM STDIN (FORMAT BINARY)",
                ct);
            foreach (var l in lines)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(l.DistributionId, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(l.MemberId, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(l.GuaranteedFen, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(l.PatronageFen, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(l.SharesFen, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(l.TotalFen, NpgsqlDbType.Bigint, ct);
            }

            await importer.CompleteAsync(ct);
            return;
        }

        db.AllocationLines.AddRange(lines);
        await db.SaveChangesAsync(ct);
        foreach (var line in lines)
        {
            db.Entry(line).State = EntityState.Detached;
        }
    }
}
