using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Redemption.Data.Migrations.Postgres
{
    /// <summary>
    /// The counter's one-statement try and confirm (PostgresCounter) refuse by raising this
    /// error, so the whole statement, and with it everything it reserved, rolls back.
    /// </summary>
    public partial class CounterRefusal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION redemption_refusal(reason text) RETURNS boolean
                LANGUAGE plpgsql VOLATILE AS $$
                BEGIN
                    RAISE EXCEPTION USING ERRCODE = 'RD001', MESSAGE = reason;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION redemption_refusal(text);");
        }
    }
}
