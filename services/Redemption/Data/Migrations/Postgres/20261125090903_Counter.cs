using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Redemption.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Counter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_supermarket_villages_supermarkets_SupermarketCode",
                table: "supermarket_villages");

            migrationBuilder.DropPrimaryKey(
                name: "PK_supermarkets",
                table: "supermarkets");

            migrationBuilder.DropPrimaryKey(
                name: "PK_supermarket_villages",
                table: "supermarket_villages");

            migrationBuilder.DropPrimaryKey(
                name: "PK_outbox_messages",
                table: "outbox_messages");

            migrationBuilder.DropPrimaryKey(
                name: "PK_known_villages",
                table: "known_villages");

            migrationBuilder.DropPrimaryKey(
                name: "PK_inbox_messages",
                table: "inbox_messages");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "supermarkets",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Code",
                table: "supermarkets",
                newName: "code");

            migrationBuilder.RenameColumn(
                name: "RegisteredAt",
                table: "supermarkets",
                newName: "registered_at");

            migrationBuilder.RenameColumn(
                name: "VillageCode",
                table: "supermarket_villages",
                newName: "village_code");

            migrationBuilder.RenameColumn(
                name: "SupermarketCode",
                table: "supermarket_villages",
                newName: "supermarket_code");

            migrationBuilder.RenameIndex(
                name: "IX_outbox_messages_sent_at_sequence",
                table: "outbox_messages",
                newName: "ix_outbox_messages_sent_at_sequence");

            migrationBuilder.RenameIndex(
                name: "IX_outbox_messages_event_id",
                table: "outbox_messages",
                newName: "ix_outbox_messages_event_id");

            migrationBuilder.RenameColumn(
                name: "Township",
                table: "known_villages",
                newName: "township");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "known_villages",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "County",
                table: "known_villages",
                newName: "county");

            migrationBuilder.RenameColumn(
                name: "Code",
                table: "known_villages",
                newName: "code");

            migrationBuilder.RenameColumn(
                name: "LearnedAt",
                table: "known_villages",
                newName: "learned_at");

            migrationBuilder.AddPrimaryKey(
                name: "pk_supermarkets",
                table: "supermarkets",
                column: "code");

            migrationBuilder.AddPrimaryKey(
                name: "pk_supermarket_villages",
                table: "supermarket_villages",
                columns: new[] { "supermarket_code", "village_code" });

            migrationBuilder.AddPrimaryKey(
                name: "pk_outbox_messages",
                table: "outbox_messages",
                column: "sequence");

            migrationBuilder.AddPrimaryKey(
                name: "pk_known_villages",
                table: "known_villages",
                column: "code");

            migrationBuilder.AddPrimaryKey(
                name: "pk_inbox_messages",
                table: "inbox_messages",
                columns: new[] { "message_id", "consumer" });

            migrationBuilder.CreateTable(
                name: "counters",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    supermarket_code = table.Column<string>(type: "character varying(32)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counters", x => x.code);
                    table.ForeignKey(
                        name: "fk_counters_supermarkets_supermarket_code",
                        column: x => x.supermarket_code,
                        principalTable: "supermarkets",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "household_usage",
                columns: table => new
                {
                    supermarket_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sku = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    household_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_household_usage", x => new { x.supermarket_code, x.sku, x.village_code, x.household_number, x.period });
                    table.CheckConstraint("ck_household_usage_quantity", "quantity >= 0");
                });

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    head_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    member_count = table.Column<int>(type: "integer", nullable: false),
                    poverty_registered = table.Column<bool>(type: "boolean", nullable: false),
                    monitored = table.Column<bool>(type: "boolean", nullable: false),
                    has_member_over70 = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_households", x => new { x.village_code, x.number });
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    operation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    response = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "items",
                columns: table => new
                {
                    supermarket_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sku = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    price_points = table.Column<long>(type: "bigint", nullable: false),
                    limit_per_household = table.Column<int>(type: "integer", nullable: false),
                    limit_period = table.Column<int>(type: "integer", nullable: false),
                    eligibility = table.Column<int>(type: "integer", nullable: false),
                    low_stock_threshold = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    on_hand = table.Column<long>(type: "bigint", nullable: false),
                    reserved = table.Column<long>(type: "bigint", nullable: false),
                    low = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_items", x => new { x.supermarket_code, x.sku });
                    table.CheckConstraint("ck_items_reserved", "reserved >= 0 AND reserved <= on_hand");
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    supermarket_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    counter_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    household_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    head_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    available_after = table.Column<long>(type: "bigint", nullable: false),
                    capture_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "returns",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    order_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_returns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_lots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    supermarket_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sku = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    source_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    donor_kind = table.Column<int>(type: "integer", nullable: false),
                    value_fen = table.Column<long>(type: "bigint", nullable: false),
                    quantity_received = table.Column<long>(type: "bigint", nullable: false),
                    on_hand = table.Column<long>(type: "bigint", nullable: false),
                    best_before = table.Column<DateOnly>(type: "date", nullable: true),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    request_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_lots", x => x.id);
                    table.CheckConstraint("ck_stock_lots_on_hand", "on_hand >= 0");
                });

            migrationBuilder.CreateTable(
                name: "stock_movements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    supermarket_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sku = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    lot_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    quantity = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    order_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    request_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_movements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "order_lines",
                columns: table => new
                {
                    order_id = table.Column<string>(type: "character varying(100)", nullable: false),
                    line_number = table.Column<int>(type: "integer", nullable: false),
                    sku = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    unit_points = table.Column<long>(type: "bigint", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    limit_period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    returned_quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_lines", x => new { x.order_id, x.line_number });
                    table.CheckConstraint("ck_order_lines_returned", "returned_quantity >= 0 AND returned_quantity <= quantity");
                    table.ForeignKey(
                        name: "fk_order_lines_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "return_lines",
                columns: table => new
                {
                    return_id = table.Column<string>(type: "character varying(100)", nullable: false),
                    sku = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_lines", x => new { x.return_id, x.sku });
                    table.ForeignKey(
                        name: "fk_return_lines_returns_return_id",
                        column: x => x.return_id,
                        principalTable: "returns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_counters_supermarket_code",
                table: "counters",
                column: "supermarket_code");

            migrationBuilder.CreateIndex(
                name: "ix_households_number",
                table: "households",
                column: "number");

            migrationBuilder.CreateIndex(
                name: "ix_orders_status_created_at",
                table: "orders",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_supermarket_code_created_at",
                table: "orders",
                columns: new[] { "supermarket_code", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_returns_order_id",
                table: "returns",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_returns_status_created_at",
                table: "returns",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_lots_supermarket_code_received_at",
                table: "stock_lots",
                columns: new[] { "supermarket_code", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_lots_supermarket_code_sku_best_before",
                table: "stock_lots",
                columns: new[] { "supermarket_code", "sku", "best_before" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_order_id",
                table: "stock_movements",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_supermarket_code_sku_id",
                table: "stock_movements",
                columns: new[] { "supermarket_code", "sku", "id" });

            migrationBuilder.AddForeignKey(
                name: "fk_supermarket_villages_supermarkets_supermarket_code",
                table: "supermarket_villages",
                column: "supermarket_code",
                principalTable: "supermarkets",
                principalColumn: "code",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_supermarket_villages_supermarkets_supermarket_code",
                table: "supermarket_villages");

            migrationBuilder.DropTable(
                name: "counters");

            migrationBuilder.DropTable(
                name: "household_usage");

            migrationBuilder.DropTable(
                name: "households");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "items");

            migrationBuilder.DropTable(
                name: "order_lines");

            migrationBuilder.DropTable(
                name: "return_lines");

            migrationBuilder.DropTable(
                name: "stock_lots");

            migrationBuilder.DropTable(
                name: "stock_movements");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "returns");

            migrationBuilder.DropPrimaryKey(
                name: "pk_supermarkets",
                table: "supermarkets");

            migrationBuilder.DropPrimaryKey(
                name: "pk_supermarket_villages",
                table: "supermarket_villages");

            migrationBuilder.DropPrimaryKey(
                name: "pk_outbox_messages",
                table: "outbox_messages");

            migrationBuilder.DropPrimaryKey(
                name: "pk_known_villages",
                table: "known_villages");

            migrationBuilder.DropPrimaryKey(
                name: "pk_inbox_messages",
                table: "inbox_messages");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "supermarkets",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "code",
                table: "supermarkets",
                newName: "Code");

            migrationBuilder.RenameColumn(
                name: "registered_at",
                table: "supermarkets",
                newName: "RegisteredAt");

            migrationBuilder.RenameColumn(
                name: "village_code",
                table: "supermarket_villages",
                newName: "VillageCode");

            migrationBuilder.RenameColumn(
                name: "supermarket_code",
                table: "supermarket_villages",
                newName: "SupermarketCode");

            migrationBuilder.RenameIndex(
                name: "ix_outbox_messages_sent_at_sequence",
                table: "outbox_messages",
                newName: "IX_outbox_messages_sent_at_sequence");

            migrationBuilder.RenameIndex(
                name: "ix_outbox_messages_event_id",
                table: "outbox_messages",
                newName: "IX_outbox_messages_event_id");

            migrationBuilder.RenameColumn(
                name: "township",
                table: "known_villages",
                newName: "Township");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "known_villages",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "county",
                table: "known_villages",
                newName: "County");

            migrationBuilder.RenameColumn(
                name: "code",
                table: "known_villages",
                newName: "Code");

            migrationBuilder.RenameColumn(
                name: "learned_at",
                table: "known_villages",
                newName: "LearnedAt");

            migrationBuilder.AddPrimaryKey(
                name: "PK_supermarkets",
                table: "supermarkets",
                column: "Code");

            migrationBuilder.AddPrimaryKey(
                name: "PK_supermarket_villages",
                table: "supermarket_villages",
                columns: new[] { "SupermarketCode", "VillageCode" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_outbox_messages",
                table: "outbox_messages",
                column: "sequence");

            migrationBuilder.AddPrimaryKey(
                name: "PK_known_villages",
                table: "known_villages",
                column: "Code");

            migrationBuilder.AddPrimaryKey(
                name: "PK_inbox_messages",
                table: "inbox_messages",
                columns: new[] { "message_id", "consumer" });

            migrationBuilder.AddForeignKey(
                name: "FK_supermarket_villages_supermarkets_SupermarketCode",
                table: "supermarket_villages",
                column: "SupermarketCode",
                principalTable: "supermarkets",
                principalColumn: "Code",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
