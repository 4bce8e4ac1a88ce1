using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Redemption.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StockCareAndGiftRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "donor_anonymous",
                table: "stock_lots",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "youngest_born_on",
                table: "households",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "gift_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    supermarket_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sku = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    item_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    quantity_per_household = table.Column<long>(type: "bigint", nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    rule = table.Column<int>(type: "integer", nullable: false),
                    child_age_under = table.Column<int>(type: "integer", nullable: false),
                    on_day = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    households = table.Column<int>(type: "integer", nullable: false),
                    households_received = table.Column<int>(type: "integer", nullable: false),
                    units_handed_out = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    close_reason = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    last_hand_out_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gift_runs", x => x.id);
                    table.CheckConstraint("ck_gift_runs_quantity", "quantity_per_household > 0");
                    table.CheckConstraint("ck_gift_runs_received", "households_received >= 0 AND households_received <= households");
                });

            migrationBuilder.CreateTable(
                name: "stock_alert_settings",
                columns: table => new
                {
                    supermarket_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    near_expiry_days = table.Column<int>(type: "integer", nullable: false),
                    set_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    set_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_alert_settings", x => x.supermarket_code);
                });

            migrationBuilder.CreateTable(
                name: "stock_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    supermarket_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sku = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    on_hand = table.Column<long>(type: "bigint", nullable: false),
                    threshold = table.Column<int>(type: "integer", nullable: false),
                    raised_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    cleared_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "gift_shares",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    household_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    head_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    quantity = table.Column<long>(type: "bigint", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    collected_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    handed_out_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    hand_out_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    stock_request_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gift_shares", x => new { x.run_id, x.village_code, x.household_number });
                    table.ForeignKey(
                        name: "fk_gift_shares_gift_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "gift_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_gift_runs_supermarket_code_id",
                table: "gift_runs",
                columns: new[] { "supermarket_code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_gift_shares_run_id_hand_out_key",
                table: "gift_shares",
                columns: new[] { "run_id", "hand_out_key" });

            migrationBuilder.CreateIndex(
                name: "ix_gift_shares_stock_request_id",
                table: "gift_shares",
                column: "stock_request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_alerts_supermarket_code_sku_kind",
                table: "stock_alerts",
                columns: new[] { "supermarket_code", "sku", "kind" },
                unique: true,
                filter: "cleared_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gift_shares");

            migrationBuilder.DropTable(
                name: "stock_alert_settings");

            migrationBuilder.DropTable(
                name: "stock_alerts");

            migrationBuilder.DropTable(
                name: "gift_runs");

            migrationBuilder.DropColumn(
                name: "donor_anonymous",
                table: "stock_lots");

            migrationBuilder.DropColumn(
                name: "youngest_born_on",
                table: "households");
        }
    }
}
