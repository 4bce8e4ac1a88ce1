using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Dividends.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CollectiveIncome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "FromIncomeLines",
                table: "distributions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "IncomeLineCount",
                table: "distributions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PatronageMinimumBp",
                table: "distributions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "fund_balances",
                columns: table => new
                {
                    CooperativeCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Fund = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BalanceFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_balances", x => new { x.CooperativeCode, x.Fund });
                    table.CheckConstraint("ck_fund_balances_not_negative", "balance_fen >= 0");
                });

            migrationBuilder.CreateTable(
                name: "fund_movements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CooperativeCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Fund = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    BalanceAfterFen = table.Column<long>(type: "INTEGER", nullable: false),
                    DistributionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fund_movements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "income_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CooperativeCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Expense = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ContractNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Counterparty = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    ReversesLineId = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_income_lines", x => x.Id);
                    table.CheckConstraint("ck_income_lines_one_side", "(source IS NULL) <> (expense IS NULL)");
                });

            migrationBuilder.CreateTable(
                name: "statutes_provisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CooperativeCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PatronageMinimumBp = table.Column<int>(type: "INTEGER", nullable: false),
                    Clause = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AdoptedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statutes_provisions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fund_movements_CooperativeCode_Fund",
                table: "fund_movements",
                columns: new[] { "CooperativeCode", "Fund" });

            migrationBuilder.CreateIndex(
                name: "IX_fund_movements_DistributionId_Fund",
                table: "fund_movements",
                columns: new[] { "DistributionId", "Fund" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_income_lines_CooperativeCode_PeriodTo",
                table: "income_lines",
                columns: new[] { "CooperativeCode", "PeriodTo" });

            migrationBuilder.CreateIndex(
                name: "IX_income_lines_ReversesLineId",
                table: "income_lines",
                column: "ReversesLineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_statutes_provisions_CooperativeCode",
                table: "statutes_provisions",
                column: "CooperativeCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fund_balances");

            migrationBuilder.DropTable(
                name: "fund_movements");

            migrationBuilder.DropTable(
                name: "income_lines");

            migrationBuilder.DropTable(
                name: "statutes_provisions");

            migrationBuilder.DropColumn(
                name: "FromIncomeLines",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "IncomeLineCount",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "PatronageMinimumBp",
                table: "distributions");
        }
    }
}
