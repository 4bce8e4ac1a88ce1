using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Scoring.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    balance = table.Column<long>(type: "bigint", nullable: false),
                    held = table.Column<long>(type: "bigint", nullable: false),
                    awarded = table.Column<long>(type: "bigint", nullable: false),
                    deducted = table.Column<long>(type: "bigint", nullable: false),
                    captured = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounts", x => x.household_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.CreateTable(
                name: "audit_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    roles = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    method = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key_fields = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    request_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    village_code = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "holds",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    request_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    entry_id = table.Column<long>(type: "bigint", nullable: true),
                    refunded = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_holds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    head_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    member_count = table.Column<int>(type: "integer", nullable: false),
                    poverty_registered = table.Column<bool>(type: "boolean", nullable: false),
                    monitored = table.Column<bool>(type: "boolean", nullable: false),
                    has_member_over70 = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    merged_into_id = table.Column<long>(type: "bigint", nullable: true),
                    registered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_households", x => x.id);
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
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    handled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "journal_heads",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    last_seq = table.Column<long>(type: "bigint", nullable: false),
                    last_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sealed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_heads", x => x.village_code);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    rule_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    rule_version = table.Column<int>(type: "integer", nullable: true),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    request_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    reverses_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    hold_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    proposal_id = table.Column<long>(type: "bigint", nullable: true),
                    chain_seq = table.Column<long>(type: "bigint", nullable: true),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notice_board",
                columns: table => new
                {
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    notice_ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_board", x => x.proposal_id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "panel_members",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    member_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    role = table.Column<int>(type: "integer", nullable: false),
                    household_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_panel_members", x => new { x.village_code, x.member_id });
                });

            migrationBuilder.CreateTable(
                name: "proposal_approvals",
                columns: table => new
                {
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    member_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proposal_approvals", x => new { x.proposal_id, x.member_id });
                });

            migrationBuilder.CreateTable(
                name: "proposal_objections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    proposal_id = table.Column<long>(type: "bigint", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proposal_objections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "proposals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    household_id = table.Column<long>(type: "bigint", nullable: false),
                    rule_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rule_version = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    evidence_ref = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    proposed_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    proposed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    notice_ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    sheet_id = table.Column<long>(type: "bigint", nullable: true),
                    request_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proposals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rules",
                columns: table => new
                {
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    points = table.Column<long>(type: "bigint", nullable: false),
                    evidence_required = table.Column<bool>(type: "boolean", nullable: false),
                    cap_count = table.Column<int>(type: "integer", nullable: false),
                    cap_period = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    effective_to = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    defined_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    defined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rules", x => new { x.village_code, x.code, x.version });
                });

            migrationBuilder.CreateTable(
                name: "sheet_approvals",
                columns: table => new
                {
                    sheet_id = table.Column<long>(type: "bigint", nullable: false),
                    member_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sheet_approvals", x => new { x.sheet_id, x.member_id });
                });

            migrationBuilder.CreateTable(
                name: "sheets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    village_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    line_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sheets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "villages",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    township = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    county = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    registered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    quorum = table.Column<int>(type: "integer", nullable: false),
                    notice_days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_villages", x => x.code);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accounts_village_code",
                table: "accounts",
                column: "village_code");

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

            migrationBuilder.CreateIndex(
                name: "ix_holds_expires_at",
                table: "holds",
                column: "expires_at",
                filter: "status = 1");

            migrationBuilder.CreateIndex(
                name: "ix_households_village_code_number",
                table: "households",
                columns: new[] { "village_code", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_household_id_id",
                table: "ledger_entries",
                columns: new[] { "household_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_proposal_id",
                table: "ledger_entries",
                column: "proposal_id",
                unique: true,
                filter: "proposal_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_reverses_entry_id",
                table: "ledger_entries",
                column: "reverses_entry_id",
                unique: true,
                filter: "reverses_entry_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_unsealed",
                table: "ledger_entries",
                columns: new[] { "village_code", "id" },
                filter: "hash IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_village_code_chain_seq",
                table: "ledger_entries",
                columns: new[] { "village_code", "chain_seq" },
                unique: true,
                filter: "chain_seq IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_village_code_period",
                table: "ledger_entries",
                columns: new[] { "village_code", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_notice_board_notice_ends_at",
                table: "notice_board",
                column: "notice_ends_at");

            migrationBuilder.CreateIndex(
                name: "ix_notice_board_village_code_notice_ends_at",
                table: "notice_board",
                columns: new[] { "village_code", "notice_ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_event_id",
                table: "outbox_messages",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_sent_at_sequence",
                table: "outbox_messages",
                columns: new[] { "sent_at", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_proposal_objections_proposal_id",
                table: "proposal_objections",
                column: "proposal_id");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_household_id_rule_code_period",
                table: "proposals",
                columns: new[] { "household_id", "rule_code", "period" });

            migrationBuilder.CreateIndex(
                name: "ix_proposals_sheet_id",
                table: "proposals",
                column: "sheet_id");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_village_code_status",
                table: "proposals",
                columns: new[] { "village_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_villages_county",
                table: "villages",
                column: "county");

            PostgresSchemaSql.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            PostgresSchemaSql.Drop(migrationBuilder);

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "holds");

            migrationBuilder.DropTable(
                name: "households");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "journal_heads");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "notice_board");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "panel_members");

            migrationBuilder.DropTable(
                name: "proposal_approvals");

            migrationBuilder.DropTable(
                name: "proposal_objections");

            migrationBuilder.DropTable(
                name: "proposals");

            migrationBuilder.DropTable(
                name: "rules");

            migrationBuilder.DropTable(
                name: "sheet_approvals");

            migrationBuilder.DropTable(
                name: "sheets");

            migrationBuilder.DropTable(
                name: "villages");
        }
    }
}
