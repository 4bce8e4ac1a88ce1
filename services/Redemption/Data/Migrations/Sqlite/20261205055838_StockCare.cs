using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Redemption.Data.Migrations.Sqlite
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
                    supermarket_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    near_expiry_days = table.Column<int>(type: "INTEGER", nullable: false),
                    set_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    set_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_alert_settings", x => x.supermarket_code);
                });

            migrationBuilder.CreateTable(
                name: "stock_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    supermarket_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    on_hand = table.Column<long>(type: "INTEGER", nullable: false),
                    threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    raised_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    cleared_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    event_id = table.Column<Guid>(type: "TEXT", nullable: false)
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
