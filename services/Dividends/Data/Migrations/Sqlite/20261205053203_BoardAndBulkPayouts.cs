using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Dividends.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BoardAndBulkPayouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "BoardSignedAt",
                table: "distributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BoardSignerId",
                table: "distributions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BoardSignerSubject",
                table: "distributions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupervisorySignedAt",
                table: "distributions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SupervisorySignerId",
                table: "distributions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupervisorySignerSubject",
                table: "distributions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "assemblies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CooperativeCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResolutionNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ResolutionText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false),
                    Entitled = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assemblies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "board_roster",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CooperativeCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Chair = table.Column<bool>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TermFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TermTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_board_roster", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payment_details",
                columns: table => new
                {
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CooperativeCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AccountHolder = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IdCardNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_details", x => x.MemberId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assemblies_CooperativeCode",
                table: "assemblies",
                column: "CooperativeCode");

            migrationBuilder.CreateIndex(
                name: "IX_board_roster_CooperativeCode_Subject",
                table: "board_roster",
                columns: new[] { "CooperativeCode", "Subject" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assemblies");

            migrationBuilder.DropTable(
                name: "board_roster");

            migrationBuilder.DropTable(
                name: "payment_details");

            migrationBuilder.DropColumn(
                name: "BoardSignedAt",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "BoardSignerId",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "BoardSignerSubject",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "SupervisorySignedAt",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "SupervisorySignerId",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "SupervisorySignerSubject",
                table: "distributions");
        }
    }
}
