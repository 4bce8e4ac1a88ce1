using Grpc.Core;
using Npgsql;
using Platform.Contracts.Scoring.V1;
using Platform.Integration.Tests.Hosting;
using Platform.Testing;
using Xunit;
using ScoringProgram = Platform.Scoring.Program;

namespace Platform.Integration.Tests.Outage;

/// <summary>A write that took effect has its audit record, saved in the change's own transaction.</summary>
public sealed class AuditInTransactionOnPostgresTests : IAsyncLifetime
{
    private string database = null!;
    private RunningApp app = null!;

    private Villages.VillagesClient Villages => new(app.Channel);

    public async Task InitializeAsync()
    {
        database = await Servers.CreateDatabaseAsync("audit_tx");
        app = await DistributedServices.StartAsync(args => ScoringProgram.Build(args), "scoring", database,
            settings: new Dictionary<string, string?> { ["Platform:BackgroundJobs"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await Servers.DropDatabaseAsync(database);
    }

    [Fact]
    public async Task A_write_whose_audit_record_cannot_be_saved_answers_an_error_and_changes_nothing()
    {
        await ExecuteAsync("""
            CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.key_fields LIKE '%AUDIT-REFUSED%' THEN RAISE EXCEPTION 'the test refuses this audit record'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_records FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Villages.RegisterVillageAsync(Village("AT-REFUSED", "audit-refused", "AUDIT-REFUSED")));
        await Villages.RegisterVillageAsync(Village("AT-KEPT", "audit-kept", "Kept"));

        Assert.Equal(StatusCode.Internal, refused.StatusCode);
        var codes = (await Villages.ListVillagesAsync(new ListVillagesRequest())).Villages.Select(v => v.Code).ToList();
        Assert.DoesNotContain("AT-REFUSED", codes);
        Assert.Contains("AT-KEPT", codes);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM idempotency_records WHERE key = 'audit-refused'"));
    }

    [Fact]
    public async Task Every_write_has_exactly_one_audit_record_and_a_change_commits_with_its_record()
    {
        await Villages.RegisterVillageAsync(Village("AT-ONE", "audit-one", "One"));
        await Villages.RegisterVillageAsync(Village("AT-ONE", "audit-one", "One"));
        await Villages.RegisterVillageAsync(Village("AT-TWO", "audit-two", "Two"));
        await new Households.HouseholdsClient(app.Channel).RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = "audit-households",
            VillageCode = "AT-ONE",
            Actor = "clerk",
            Households = { new NewHousehold { HouseholdNumber = "001", HeadName = "Wang Xiulan", MemberCount = 4 } },
        });
        await Assert.ThrowsAsync<RpcException>(async () => await new Households.HouseholdsClient(app.Channel).RegisterHouseholdsAsync(
            new RegisterHouseholdsRequest
            {
                IdempotencyKey = "audit-refusal",
                VillageCode = "AT-NONE",
                Actor = "clerk",
                Households = { new NewHousehold { HouseholdNumber = "001", HeadName = "Li", MemberCount = 1 } },
            }));

        // One record per call: the first and its replay, each other write once, the refusal once.
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM audit_records WHERE request_id = 'audit-one'"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_records WHERE request_id = 'audit-two'"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_records WHERE request_id = 'audit-households'"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_records WHERE request_id = 'audit-refusal' AND outcome <> 'OK'"));
        // The same transaction wrote the village and its record.
        Assert.Equal(
            await ScalarAsync("SELECT xmin::text::bigint FROM villages WHERE code = 'AT-TWO'"),
            await ScalarAsync("SELECT xmin::text::bigint FROM audit_records WHERE request_id = 'audit-two'"));
    }

    private static RegisterVillageRequest Village(string code, string key, string name) => new()
    {
        IdempotencyKey = key,
        Code = code,
        Name = name,
        Township = "Hexi Township",
        County = "Anle County",
    };

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
