using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Scoring.Data;

/// <summary>
/// What Scoring's PostgreSQL schema holds beyond the EF Core model, written by hand because EF
/// cannot generate it. The Initial migration calls it, so a re-fold of the migrations keeps it
/// with one line in Up and one in Down.
/// </summary>
internal static class PostgresSchemaSql
{
    /// <summary>
    /// The posting job builds the points-posted events in SQL: an entry as this row type turns
    /// into JSON with these names (those of PostedEntry) faster than json_build_object
    /// (docs/benchmarks.md).
    /// </summary>
    private const string CreatePostedEntryType = """
        CREATE TYPE posted_entry AS ("entryId" bigint, "householdNumber" text, kind text, points bigint, "ruleCode" text, period text);
        """;

    public static void Create(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(CreatePostedEntryType);

    public static void Drop(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TYPE posted_entry;");
}
