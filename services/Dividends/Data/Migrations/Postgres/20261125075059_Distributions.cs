using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Dividends.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Distributions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "allocation_lines",
                columns: table => new
                {
                    DistributionId = table.Column<long>(type: "bigint", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    GuaranteedFen = table.Column<long>(type: "bigint", nullable: false),
                    PatronageFen = table.Column<long>(type: "bigint", nullable: false),
                    SharesFen = table.Column<long>(type: "bigint", nullable: false),
                    TotalFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_allocation_lines", x => new { x.DistributionId, x.MemberId });
                });

            migrationBuilder.CreateTable(
                name: "distributions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CooperativeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    PolicyVersion = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IncomeFen = table.Column<long>(type: "bigint", nullable: false),
                    ExpensesFen = table.Column<long>(type: "bigint", nullable: false),
                    BroughtForwardFen = table.Column<long>(type: "bigint", nullable: false),
                    LossCarriedForwardFen = table.Column<long>(type: "bigint", nullable: false),
                    DistributableFen = table.Column<long>(type: "bigint", nullable: false),
                    ReserveFen = table.Column<long>(type: "bigint", nullable: false),
                    WelfareFen = table.Column<long>(type: "bigint", nullable: false),
                    RetainedFen = table.Column<long>(type: "bigint", nullable: false),
                    LossCarriedOutFen = table.Column<long>(type: "bigint", nullable: false),
                    AllocatedFen = table.Column<long>(type: "bigint", nullable: false),
                    BoardApprover = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SupervisoryApprover = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NoticeEndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_distributions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "holdings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CooperativeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    Class = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Quantity = table.Column<long>(type: "bigint", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_holdings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CooperativeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    VillageCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    HouseholdNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    HeadName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    JoinedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "objections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistributionId = table.Column<long>(type: "bigint", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    LodgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_objections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "patronage",
                columns: table => new
                {
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "date", nullable: false),
                    CooperativeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_patronage", x => new { x.MemberId, x.PeriodFrom, x.PeriodTo });
                });

            migrationBuilder.CreateTable(
                name: "payouts",
                columns: table => new
                {
                    PayoutId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DistributionId = table.Column<long>(type: "bigint", nullable: false),
                    CooperativeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Account = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FailureReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PaidAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payouts", x => x.PayoutId);
                });

            migrationBuilder.CreateTable(
                name: "policy_versions",
                columns: table => new
                {
                    CooperativeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ReserveBp = table.Column<int>(type: "integer", nullable: false),
                    WelfareBp = table.Column<int>(type: "integer", nullable: false),
                    CapThresholdFen = table.Column<long>(type: "bigint", nullable: true),
                    CapBp = table.Column<int>(type: "integer", nullable: false),
                    PreferredGuaranteeBp = table.Column<int>(type: "integer", nullable: false),
                    PatronageBp = table.Column<int>(type: "integer", nullable: false),
                    PopulationWeight = table.Column<int>(type: "integer", nullable: false),
                    FarmAgeWeight = table.Column<int>(type: "integer", nullable: false),
                    LandWeight = table.Column<int>(type: "integer", nullable: false),
                    CapitalWeight = table.Column<int>(type: "integer", nullable: false),
                    PreferredWeight = table.Column<int>(type: "integer", nullable: false),
                    CollectiveWeight = table.Column<int>(type: "integer", nullable: false),
                    PreferredJoinsProRata = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_versions", x => new { x.CooperativeCode, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_allocation_lines_MemberId",
                table: "allocation_lines",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_distributions_CooperativeCode",
                table: "distributions",
                column: "CooperativeCode");

            migrationBuilder.CreateIndex(
                name: "IX_holdings_CooperativeCode_MemberId",
                table: "holdings",
                columns: new[] { "CooperativeCode", "MemberId" });

            migrationBuilder.CreateIndex(
                name: "IX_members_CooperativeCode_VillageCode_HouseholdNumber",
                table: "members",
                columns: new[] { "CooperativeCode", "VillageCode", "HouseholdNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_objections_DistributionId",
                table: "objections",
                column: "DistributionId");

            migrationBuilder.CreateIndex(
                name: "IX_patronage_CooperativeCode",
                table: "patronage",
                column: "CooperativeCode");

            migrationBuilder.CreateIndex(
                name: "IX_payouts_DistributionId_MemberId",
                table: "payouts",
                columns: new[] { "DistributionId", "MemberId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "allocation_lines");

            migrationBuilder.DropTable(
                name: "distributions");

            migrationBuilder.DropTable(
                name: "holdings");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "objections");

            migrationBuilder.DropTable(
                name: "patronage");

            migrationBuilder.DropTable(
                name: "payouts");

            migrationBuilder.DropTable(
                name: "policy_versions");
        }
    }
}
