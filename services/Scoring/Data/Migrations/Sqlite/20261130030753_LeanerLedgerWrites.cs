using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeanerLedgerWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_household_id_rule_code_period",
                table: "ledger_entries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_household_id_rule_code_period",
                table: "ledger_entries",
                columns: new[] { "household_id", "rule_code", "period" },
                filter: "rule_code IS NOT NULL");
        }
    }
}
