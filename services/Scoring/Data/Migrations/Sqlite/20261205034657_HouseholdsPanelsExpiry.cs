using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HouseholdsPanelsExpiry : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "card_number",
                table: "households",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "head_initials",
                table: "households",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "head_pinyin",
                table: "households",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "oldest_member_born_on",
                table: "households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "poverty_status",
                table: "households",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "households",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<long>(
                name: "expired",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "expired_boundaries",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    boundary = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    cut_period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    households = table.Column<int>(type: "INTEGER", nullable: false),
                    points = table.Column<long>(type: "INTEGER", nullable: false),
                    run_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    run_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expired_boundaries", x => new { x.village_code, x.boundary });
                });

            migrationBuilder.CreateTable(
                name: "expiry_notices",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    boundary = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    households = table.Column<int>(type: "INTEGER", nullable: false),
                    points = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expiry_notices", x => new { x.village_code, x.boundary });
                });

            migrationBuilder.CreateTable(
                name: "expiry_policies",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    rule = table.Column<int>(type: "INTEGER", nullable: false),
                    months = table.Column<int>(type: "INTEGER", nullable: false),
                    notice_days = table.Column<int>(type: "INTEGER", nullable: false),
                    set_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    set_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expiry_policies", x => x.village_code);
                });

            migrationBuilder.CreateTable(
                name: "household_members",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_pinyin = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    name_initials = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    relation = table.Column<int>(type: "INTEGER", nullable: false),
                    born_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    id_card_number = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    added_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    removed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    removed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    removed_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_household_members", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "poverty_status_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    household_id = table.Column<long>(type: "INTEGER", nullable: false),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    effective_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_poverty_status_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_households_village_code_card_number",
                table: "households",
                columns: new[] { "village_code", "card_number" },
                unique: true,
                filter: "card_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_household_members_household_id",
                table: "household_members",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_household_members_village_code_id_card_number",
                table: "household_members",
                columns: new[] { "village_code", "id_card_number" },
                unique: true,
                filter: "id_card_number IS NOT NULL AND removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_poverty_status_changes_household_id_id",
                table: "poverty_status_changes",
                columns: new[] { "household_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "expired_boundaries");

            migrationBuilder.DropTable(
                name: "expiry_notices");

            migrationBuilder.DropTable(
                name: "expiry_policies");

            migrationBuilder.DropTable(
                name: "household_members");

            migrationBuilder.DropTable(
                name: "panel_role_minimums");

            migrationBuilder.DropTable(
                name: "poverty_status_changes");

            migrationBuilder.DropIndex(
                name: "ix_households_village_code_card_number",
                table: "households");

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

            migrationBuilder.DropColumn(
                name: "card_number",
                table: "households");

            migrationBuilder.DropColumn(
                name: "head_initials",
                table: "households");

            migrationBuilder.DropColumn(
                name: "head_pinyin",
                table: "households");

            migrationBuilder.DropColumn(
                name: "oldest_member_born_on",
                table: "households");

            migrationBuilder.DropColumn(
                name: "poverty_status",
                table: "households");

            migrationBuilder.DropColumn(
                name: "version",
                table: "households");

            migrationBuilder.DropColumn(
                name: "expired",
                table: "accounts");
        }
    }
}
