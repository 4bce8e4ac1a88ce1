using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Dividends.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BoardSignerId",
                table: "distributions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BoardSignerSubject",
                table: "distributions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupervisorySignedAt",
                table: "distributions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SupervisorySignerId",
                table: "distributions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupervisorySignerSubject",
                table: "distributions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "assemblies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CooperativeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ResolutionNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ResolutionText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Attended = table.Column<int>(type: "integer", nullable: false),
                    Entitled = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assemblies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "board_roster",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CooperativeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Body = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Chair = table.Column<bool>(type: "boolean", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: true),
                    Subject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TermFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    TermTo = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_board_roster", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payment_details",
                columns: table => new
                {
                    MemberId = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CooperativeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Account = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AccountHolder = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IdCardNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
