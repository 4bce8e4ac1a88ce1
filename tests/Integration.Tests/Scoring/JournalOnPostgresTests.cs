using Npgsql;
using Platform.Contracts.Scoring.V1;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>The hash-chained journal on PostgreSQL: sealed with one set-based update, verified, and tampered with.</summary>
public sealed class JournalOnPostgresTests : IAsyncLifetime
{
    private readonly ScoringOnPostgres scoring = new();

    public Task InitializeAsync() => scoring.InitializeAsync();

    public Task DisposeAsync() => scoring.DisposeAsync();

    [Fact]
    public async Task A_row_changed_in_postgres_is_named_by_verification()
    {
        await scoring.AwardAsync(100, "journal");
        var household = new HouseholdRef { VillageCode = scoring.Village, HouseholdNumber = "001" };
        for (var i = 0; i < 3; i++)
        {
            await scoring.Ledger.HoldAsync(new HoldRequest { HoldId = $"{scoring.Village}-j{i}", Household = household, Points = 5, Actor = "clerk Sun Li" });
            await scoring.Ledger.CaptureAsync(new CaptureRequest { HoldId = $"{scoring.Village}-j{i}", Actor = "clerk Sun Li" });
        }

        var journal = new Journal.JournalClient(scoring.App.Channel);
        var sealedNow = await journal.SealJournalAsync(new SealJournalRequest { VillageCode = scoring.Village });
        Assert.Equal(4, sealedNow.Sealed);
        var intact = await journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = scoring.Village });
        Assert.True(intact.Intact, intact.Finding);
        Assert.Equal(4, intact.EntriesChecked);

        long tampered;
        await using (var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database)))
        {
            await connection.OpenAsync();
            await using var find = new NpgsqlCommand("SELECT id FROM ledger_entries WHERE village_code = @v AND chain_seq = 3", connection);
            find.Parameters.AddWithValue("v", scoring.Village);
            tampered = (long)(await find.ExecuteScalarAsync())!;
            // A clerk with database access makes a spend look smaller.
            await using var update = new NpgsqlCommand("UPDATE ledger_entries SET points = -1 WHERE id = @id", connection);
            update.Parameters.AddWithValue("id", tampered);
            await update.ExecuteNonQueryAsync();
        }

        var verification = await journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = scoring.Village });
        Assert.False(verification.Intact);
        Assert.Equal(tampered, verification.FirstBadEntryId);
        Assert.Equal("001", verification.FirstBadHouseholdNumber);
    }
}
