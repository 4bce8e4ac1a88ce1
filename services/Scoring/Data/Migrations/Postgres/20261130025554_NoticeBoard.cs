using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NoticeBoard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_proposals_on_notice",
                table: "proposals");

            migrationBuilder.CreateTable(
                name: "notice_board",
                columns: table => new
                {
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    notice_ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_board", x => x.proposal_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notice_board_notice_ends_at",
                table: "notice_board",
                column: "notice_ends_at");

            migrationBuilder.CreateIndex(
                name: "ix_notice_board_village_code_notice_ends_at",
                table: "notice_board",
                columns: new[] { "village_code", "notice_ends_at" });

            // What is on notice now goes on the board; posted proposals keep status 2 from now on
            // (posted is told by the entry that names them, not by the row).
            migrationBuilder.Sql("INSERT INTO notice_board (proposal_id, village_code, notice_ends_at) SELECT id, village_code, notice_ends_at FROM proposals WHERE status = 2 AND notice_ends_at IS NOT NULL;");
            migrationBuilder.Sql("UPDATE proposals SET status = 2 WHERE status = 4;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE proposals SET status = 4 WHERE status = 2 AND NOT EXISTS (SELECT 1 FROM notice_board n WHERE n.proposal_id = proposals.id);");

            migrationBuilder.DropTable(
                name: "notice_board");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_on_notice",
                table: "proposals",
                columns: new[] { "status", "notice_ends_at" },
                filter: "status = 2");
        }
    }
}
