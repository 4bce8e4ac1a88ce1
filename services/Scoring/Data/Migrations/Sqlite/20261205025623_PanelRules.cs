using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PanelRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "first_secretary_required",
                table: "villages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "separate_proposer",
                table: "villages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "household_id",
                table: "proposal_objections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "id_card_number",
                table: "panel_members",
                type: "TEXT",
                maxLength: 18,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "panel_role_minimums",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    role = table.Column<int>(type: "INTEGER", nullable: false),
                    approvals = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_panel_role_minimums", x => new { x.village_code, x.role });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "panel_role_minimums");

            migrationBuilder.DropColumn(
                name: "first_secretary_required",
                table: "villages");

            migrationBuilder.DropColumn(
                name: "separate_proposer",
                table: "villages");

            migrationBuilder.DropColumn(
                name: "household_id",
                table: "proposal_objections");

            migrationBuilder.DropColumn(
                name: "id_card_number",
                table: "panel_members");
        }
    }
}
