using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "separate_proposer",
                table: "villages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "household_id",
                table: "proposal_objections",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "id_card_number",
                table: "panel_members",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "card_number",
                table: "households",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "head_initials",
                table: "households",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "head_pinyin",
                table: "households",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "oldest_member_born_on",
                table: "households",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "poverty_status",
                table: "households",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "households",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<long>(
                name: "expired",
                table: "accounts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "expired_boundaries",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    boundary = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    cut_period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    households = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    run_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    run_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expired_boundaries", x => new { x.village_code, x.boundary });
                });

            migrationBuilder.CreateTable(
                name: "expiry_notices",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    boundary = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    households = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expiry_notices", x => new { x.village_code, x.boundary });
                });

            migrationBuilder.CreateTable(
                name: "expiry_policies",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rule = table.Column<int>(type: "integer", nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false),
                    notice_days = table.Column<int>(type: "integer", nullable: false),
                    set_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    set_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expiry_policies", x => x.village_code);
                });

            migrationBuilder.CreateTable(
                name: "household_members",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name_pinyin = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    name_initials = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    relation = table.Column<int>(type: "integer", nullable: false),
                    born_on = table.Column<DateOnly>(type: "date", nullable: false),
                    id_card_number = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    added_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    added_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    removed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    removed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    removed_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_household_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "panel_role_minimums",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    role = table.Column<int>(type: "integer", nullable: false),
                    approvals = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_panel_role_minimums", x => new { x.village_code, x.role });
                });

            migrationBuilder.CreateTable(
                name: "poverty_status_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
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
