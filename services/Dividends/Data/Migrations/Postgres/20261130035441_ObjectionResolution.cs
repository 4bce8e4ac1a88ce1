using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Dividends.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ObjectionResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "objections",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResolvedAt",
                table: "objections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy",
                table: "objections",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "objections",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                // Objections lodged before this migration were never answered: they are open.
                defaultValue: "Open");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "ResolvedBy",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "objections");
        }
    }
}
