using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Dividends.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CooperativesAsTheyAreRun : Migration
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

            migrationBuilder.AddColumn<bool>(
                name: "FromIncomeLines",
                table: "distributions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "IncomeLineCount",
                table: "distributions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PatronageMinimumBp",
                table: "distributions",
                type: "integer",
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
                name: "fund_balances",
                columns: table => new
                {
                    cooperative_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    fund = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    balance_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_balances", x => new { x.cooperative_code, x.fund });
                    table.CheckConstraint("ck_fund_balances_not_negative", "balance_fen >= 0");
                });

            migrationBuilder.CreateTable(
                name: "fund_movements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cooperative_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    fund = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    balance_after_fen = table.Column<long>(type: "bigint", nullable: false),
                    distribution_id = table.Column<long>(type: "bigint", nullable: true),
                    purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_movements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "income_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cooperative_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    expense = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    contract_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    counterparty = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    period_from = table.Column<DateOnly>(type: "date", nullable: false),
                    period_to = table.Column<DateOnly>(type: "date", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    reverses_line_id = table.Column<long>(type: "bigint", nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_income_lines", x => x.id);
                    table.CheckConstraint("ck_income_lines_one_side", "(source IS NULL) <> (expense IS NULL)");
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

            migrationBuilder.CreateTable(
                name: "statutes_provisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cooperative_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    patronage_minimum_bp = table.Column<int>(type: "integer", nullable: false),
                    clause = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    adopted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statutes_provisions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assemblies_CooperativeCode",
                table: "assemblies",
                column: "CooperativeCode");

            migrationBuilder.CreateIndex(
                name: "IX_board_roster_CooperativeCode_Subject",
                table: "board_roster",
                columns: new[] { "CooperativeCode", "Subject" });

            migrationBuilder.CreateIndex(
                name: "IX_fund_movements_cooperative_code_fund",
                table: "fund_movements",
                columns: new[] { "cooperative_code", "fund" });

            migrationBuilder.CreateIndex(
                name: "IX_fund_movements_distribution_id_fund",
                table: "fund_movements",
                columns: new[] { "distribution_id", "fund" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_income_lines_cooperative_code_period_to",
                table: "income_lines",
                columns: new[] { "cooperative_code", "period_to" });

            migrationBuilder.CreateIndex(
                name: "IX_income_lines_reverses_line_id",
                table: "income_lines",
                column: "reverses_line_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_statutes_provisions_cooperative_code",
                table: "statutes_provisions",
                column: "cooperative_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assemblies");

            migrationBuilder.DropTable(
                name: "board_roster");

            migrationBuilder.DropTable(
                name: "fund_balances");

            migrationBuilder.DropTable(
                name: "fund_movements");

            migrationBuilder.DropTable(
                name: "income_lines");

            migrationBuilder.DropTable(
                name: "payment_details");

            migrationBuilder.DropTable(
                name: "statutes_provisions");

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
                name: "FromIncomeLines",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "IncomeLineCount",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "PatronageMinimumBp",
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
