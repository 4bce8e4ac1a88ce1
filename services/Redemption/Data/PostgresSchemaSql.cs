using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Redemption.Data;

/// <summary>
/// What Redemption's PostgreSQL schema holds beyond the EF Core model, written by hand because EF
/// cannot generate it. The Initial migration calls it, so a re-fold of the migrations keeps it
/// with one line in Up and one in Down.
/// </summary>
internal static class PostgresSchemaSql
{
    /// <summary>
    /// The counter's one-statement try and confirm (PostgresCounter) refuse by raising this
    /// error (SQLSTATE RD001, the reason as message), so the whole statement, and with it
    /// everything it reserved, rolls back.
    /// </summary>
    private const string CreateRefusalFunction = """
        CREATE FUNCTION redemption_refusal(reason text) RETURNS boolean
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
            RAISE EXCEPTION USING ERRCODE = 'RD001', MESSAGE = reason;
        END
        $$;
        """;

    public static void Create(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(CreateRefusalFunction);

    public static void Drop(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP FUNCTION redemption_refusal(text);");
}
