using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartialLedgerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_household_id_rule_code_period",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_proposal_id",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_reverses_entry_id",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_holds_status_expires_at",
                table: "holds");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_household_id_rule_code_period",
                table: "ledger_entries",
                columns: new[] { "household_id", "rule_code", "period" },
                filter: "rule_code IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_proposal_id",
                table: "ledger_entries",
                column: "proposal_id",
                unique: true,
                filter: "proposal_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_reverses_entry_id",
                table: "ledger_entries",
                column: "reverses_entry_id",
                unique: true,
                filter: "reverses_entry_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_holds_expires_at",
                table: "holds",
                column: "expires_at",
                filter: "status = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_household_id_rule_code_period",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_proposal_id",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_reverses_entry_id",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_holds_expires_at",
                table: "holds");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_household_id_rule_code_period",
                table: "ledger_entries",
                columns: new[] { "household_id", "rule_code", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_proposal_id",
                table: "ledger_entries",
                column: "proposal_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_reverses_entry_id",
                table: "ledger_entries",
                column: "reverses_entry_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_holds_status_expires_at",
                table: "holds",
                columns: new[] { "status", "expires_at" });
        }
    }
}
