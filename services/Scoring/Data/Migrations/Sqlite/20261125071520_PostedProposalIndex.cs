using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PostedProposalIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "entry_id",
                table: "proposals");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_proposal_id",
                table: "ledger_entries",
                column: "proposal_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_proposal_id",
                table: "ledger_entries");

            migrationBuilder.AddColumn<long>(
                name: "entry_id",
                table: "proposals",
                type: "INTEGER",
                nullable: true);
        }
    }
}
