using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Journal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "chain_seq",
                table: "ledger_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "ledger_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "journal_heads",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    last_seq = table.Column<long>(type: "bigint", nullable: false),
                    last_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sealed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_heads", x => x.village_code);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_unsealed",
                table: "ledger_entries",
                columns: new[] { "village_code", "id" },
                filter: "hash IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_village_code_chain_seq",
                table: "ledger_entries",
                columns: new[] { "village_code", "chain_seq" },
                unique: true,
                filter: "chain_seq IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "journal_heads");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_unsealed",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_village_code_chain_seq",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "chain_seq",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "hash",
                table: "ledger_entries");
        }
    }
}
