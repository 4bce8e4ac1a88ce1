using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Redemption.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HouseholdOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_orders_village_code_household_number_created_at",
                table: "orders",
                columns: new[] { "village_code", "household_number", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_village_code_household_number_created_at",
                table: "orders");
        }
    }
}
