using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PointsExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.DropColumn(
                name: "expired",
                table: "accounts");
        }
    }
}
