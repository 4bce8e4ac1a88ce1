using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Platform.Scoring.Journal;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>The hash-chained journal and its verification, including rows changed behind the service's back.</summary>
public sealed class JournalTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync()
    {
        host = await ScoringHost.StartAsync();
        await host.AwardAsync("004", "TIDY-HOME");
        await host.AwardAsync("005", "TIDY-HOME");
        await host.Ledger.HoldAsync(new HoldRequest { HoldId = "order-1", Household = ScoringHost.Household("004"), Points = 3, Actor = "clerk Zhou" });
        await host.Ledger.CaptureAsync(new CaptureRequest { HoldId = "order-1", Actor = "clerk Zhou" });
        await host.Ledger.HoldAsync(new HoldRequest { HoldId = "order-2", Household = ScoringHost.Household("005"), Points = 2, Actor = "clerk Zhou" });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Journal.JournalClient Journal => new(host.App.Channel);

    [Fact]
    public async Task A_sealed_journal_verifies_as_intact_and_new_entries_wait_for_the_next_seal()
    {
        var sealedNow = await Journal.SealJournalAsync(new SealJournalRequest { VillageCode = ScoringHost.Village });
        Assert.Equal(3, sealedNow.Sealed);
        Assert.Equal(3, sealedNow.ChainLength);

        var verification = await Journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = ScoringHost.Village });
        Assert.True(verification.Intact, verification.Finding);
        Assert.Equal((3L, 0L, 6, "intact"), (verification.EntriesChecked, verification.EntriesUnsealed, verification.HouseholdsChecked, verification.Finding));
        Assert.Equal(sealedNow.HeadHash, verification.HeadHash);

        await host.AwardAsync("006", "TIDY-HOME");
        var later = await Journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = ScoringHost.Village });
        Assert.True(later.Intact);
        Assert.Equal(1, later.EntriesUnsealed);
        var again = await Journal.SealJournalAsync(new SealJournalRequest { VillageCode = ScoringHost.Village });
        Assert.Equal((1L, 4L), (again.Sealed, again.ChainLength));
        Assert.NotEqual(sealedNow.HeadHash, again.HeadHash);
        Assert.Equal(0, (await Journal.SealJournalAsync(new SealJournalRequest { VillageCode = ScoringHost.Village })).Sealed);
    }

    [Fact]
    public async Task An_entry_changed_in_the_database_is_named_by_verification()
    {
        await Journal.SealJournalAsync(new SealJournalRequest { VillageCode = ScoringHost.Village });
        var entries = await EntryIdsAsync();
        var tampered = entries[1];
        await SqlAsync($"UPDATE ledger_entries SET points = points + 50 WHERE id = {tampered}");

        var verification = await Journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = ScoringHost.Village });

        Assert.False(verification.Intact);
        Assert.Equal(tampered, verification.FirstBadEntryId);
        Assert.Contains($"entry {tampered}", verification.Finding);
        // The balance no longer follows from the entries either.
        Assert.Equal("005", verification.FirstBadHouseholdNumber);

        await using var scope = host.App.Services.CreateAsyncScope();
        Assert.Equal(1, await JournalCommand.RunAsync(scope.ServiceProvider, [ScoringHost.Village]));
    }

    [Fact]
    public async Task A_balance_changed_in_the_database_is_named_even_when_the_chain_is_intact()
    {
        await Journal.SealJournalAsync(new SealJournalRequest { VillageCode = ScoringHost.Village });
        await SqlAsync("UPDATE accounts SET balance = balance + 1000 WHERE household_id = (SELECT id FROM households WHERE number = '004')");

        var verification = await Journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = ScoringHost.Village });

        Assert.False(verification.Intact);
        Assert.Equal(0, verification.FirstBadEntryId);
        Assert.Equal("004", verification.FirstBadHouseholdNumber);
        Assert.Contains("household 004 shows a balance", verification.Finding);
    }

    [Fact]
    public async Task Removing_or_reordering_sealed_entries_is_found()
    {
        await Journal.SealJournalAsync(new SealJournalRequest { VillageCode = ScoringHost.Village });
        var entries = await EntryIdsAsync();
        await SqlAsync($"DELETE FROM ledger_entries WHERE id = {entries[^1]}");

        var lastRemoved = await Journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = ScoringHost.Village });
        Assert.False(lastRemoved.Intact);
        Assert.Contains("removed", lastRemoved.Finding);

        await SqlAsync($"DELETE FROM ledger_entries WHERE id = {entries[0]}");
        var firstRemoved = await Journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = ScoringHost.Village });
        Assert.Equal(entries[1], firstRemoved.FirstBadEntryId);
        Assert.Contains("missing", firstRemoved.Finding);
    }

    [Fact]
    public async Task Verifying_an_unknown_village_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => Journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = "V404" }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.NotFound, ex.StatusCode);
    }

    private async Task<List<long>> EntryIdsAsync()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        return await db.Entries.AsNoTracking().Where(e => e.VillageCode == ScoringHost.Village).OrderBy(e => e.ChainSeq).Select(e => e.Id).ToListAsync();
    }

    private async Task SqlAsync(string sql)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
