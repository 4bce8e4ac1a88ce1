using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Redemption.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HouseholdsAndOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "card_number",
                table: "households",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "merged",
                table: "households",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "merged_into",
                table: "households",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "over70from",
                table: "households",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "households",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "ix_orders_village_code_household_number_created_at",
                table: "orders",
                columns: new[] { "village_code", "household_number", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_households_card_number",
                table: "households",
                column: "card_number");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_village_code_household_number_created_at",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_households_card_number",
                table: "households");

            migrationBuilder.DropColumn(
                name: "card_number",
                table: "households");

            migrationBuilder.DropColumn(
                name: "merged",
                table: "households");

            migrationBuilder.DropColumn(
                name: "merged_into",
                table: "households");

            migrationBuilder.DropColumn(
                name: "over70from",
                table: "households");

            migrationBuilder.DropColumn(
                name: "version",
                table: "households");
        }
    }
}
