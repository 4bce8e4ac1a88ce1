using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HouseholdRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "household_members");

            migrationBuilder.DropTable(
                name: "poverty_status_changes");

            migrationBuilder.DropIndex(
                name: "ix_households_village_code_card_number",
                table: "households");

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
        }
    }
}
