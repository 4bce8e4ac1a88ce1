using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Redemption.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StockCare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "stock_alert_settings");

            migrationBuilder.DropTable(
                name: "stock_alerts");
        }
    }
}
