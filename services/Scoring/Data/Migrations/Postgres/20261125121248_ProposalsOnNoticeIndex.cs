using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProposalsOnNoticeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_proposals_status_notice_ends_at",
                table: "proposals");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_on_notice",
                table: "proposals",
                columns: new[] { "status", "notice_ends_at" },
                filter: "status = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_proposals_on_notice",
                table: "proposals");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_status_notice_ends_at",
                table: "proposals",
                columns: new[] { "status", "notice_ends_at" });
        }
    }
}
