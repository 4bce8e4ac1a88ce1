using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Hosting;

namespace Platform.Scoring.Journal;

/// <summary>
/// `verify-journal VILLAGE [VILLAGE…]` (or `--all`): seals nothing, reads the database the
/// process is configured for, prints each village's verification, and exits 1 when any is not
/// intact. Run by the Scoring process or the embedded host with the same settings as the service.
/// </summary>
public static class JournalCommand
{
    public const string Name = "verify-journal";

    /// <summary>
    /// The command, run against the host <paramref name="build"/> makes from the settings given
    /// after it (--Section:Key=Value), so it reads the databases that host would serve.
    /// </summary>
    public static Command Create(Func<string[], WebApplication> build)
    {
        var villages = new Argument<string[]>("VILLAGE") { Arity = ArgumentArity.ZeroOrMore, Description = "The codes of the villages to verify." };
        var all = new Option<bool>("--all") { Description = "Verify every village in the database (the default when none is named)." };
        var command = new Command(Name, "Recomputes each village's hash chain and every balance, and names the first entry or household that does not match; exits 1 when any village is broken.")
        {
            villages, all,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, _) =>
        {
            var named = result.GetValue(villages) ?? [];
            string[] settings;
            try
            {
                // An unknown --word lands among the villages; there it is a setting or an error.
                settings = CommandSettings.From(result, named.Where(v => v.StartsWith('-')));
            }
            catch (ArgumentException ex)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            var app = build(settings);
            List<string> arguments = [.. named.Where(v => !v.StartsWith('-'))];
            if (result.GetValue(all))
            {
                arguments.Add("--all");
            }

            return await RunAsync(app.Services, arguments, result.InvocationConfiguration.Output);
        });
        return command;
    }

    /// <param name="output">Where the verdict is written; standard output unless given (a restore prints it as its own).</param>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter? output = null)
    {
        output ??= Console.Out;
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
            output.WriteLine("No villages are registered in this database; nothing to verify.");
            return 0;
        }

        var verifier = scope.ServiceProvider.GetRequiredService<JournalVerifier>();
        var broken = 0;
        foreach (var village in villages)
        {
            var result = await verifier.VerifyAsync(village, CancellationToken.None);
            output.WriteLine($"{village}: {(result.Intact ? "INTACT" : "BROKEN")} — {result.Finding}");
            output.WriteLine($"  {result.EntriesChecked} chained entries checked ({result.EntriesUnsealed} not yet sealed), {result.HouseholdsChecked} balances recomputed, head {result.HeadHash[..12]}…");
            if (!result.Intact)
            {
                broken++;
                if (result.FirstBadEntryId != 0)
                {
                    output.WriteLine($"  first entry that does not match: {result.FirstBadEntryId}");
                }
            }
        }

        return broken == 0 ? 0 : 1;
    }
}
