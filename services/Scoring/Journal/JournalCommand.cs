using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;

namespace Platform.Scoring.Journal;

/// <summary>
/// `verify-journal VILLAGE [VILLAGE…]` (or `--all`): seals nothing, reads the database the
/// process is configured for, prints each village's verification, and exits 1 when any is not
/// intact. Run by the Scoring process or the embedded host with the same settings as the service.
/// </summary>
public static class JournalCommand
{
    public const string Name = "verify-journal";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        // As the service does at start: a database behind on migrations is brought up to date first.
        await db.Database.MigrateAsync();
        var villages = arguments.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (arguments.Contains("--all") || villages.Count == 0)
        {
            villages = [.. db.Villages.Select(v => v.Code).OrderBy(v => v)];
        }

        if (villages.Count == 0)
        {
            Console.WriteLine("No villages are registered in this database; nothing to verify.");
            return 0;
        }

        var verifier = scope.ServiceProvider.GetRequiredService<JournalVerifier>();
        var broken = 0;
        foreach (var village in villages)
        {
            var result = await verifier.VerifyAsync(village, CancellationToken.None);
            Console.WriteLine($"{village}: {(result.Intact ? "INTACT" : "BROKEN")} — {result.Finding}");
            Console.WriteLine($"  {result.EntriesChecked} chained entries checked ({result.EntriesUnsealed} not yet sealed), {result.HouseholdsChecked} balances recomputed, head {result.HeadHash[..12]}…");
            if (!result.Intact)
            {
                broken++;
                if (result.FirstBadEntryId != 0)
                {
                    Console.WriteLine($"  first entry that does not match: {result.FirstBadEntryId}");
                }
            }
        }

        return broken == 0 ? 0 : 1;
    }
}
