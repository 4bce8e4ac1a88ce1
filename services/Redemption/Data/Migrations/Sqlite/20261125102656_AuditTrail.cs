using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Redemption.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    roles = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    key_fields = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    request_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    village_code = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    scope = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_records_actor_at",
                table: "audit_records",
                columns: new[] { "actor", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_records_at",
                table: "audit_records",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_records_village_code_at",
                table: "audit_records",
                columns: new[] { "village_code", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_records");
        }
    }
}
