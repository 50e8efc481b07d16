using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations
{
    /// <inheritdoc />
    public partial class ConversationTimings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AwaitingAgentSince",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstRespondedAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            // Conversations from before this version get their timings from their messages, so reports cover them too.
            migrationBuilder.Sql("""
                UPDATE Conversations SET
                    FirstRespondedAt = (SELECT MIN(m.SentAt) FROM Messages m
                        WHERE m.ConversationId = Conversations.Id AND m.Author = 'Agent' AND m.Private = 0),
                    AwaitingAgentSince = COALESCE(HandedOverAt, CASE WHEN NOT EXISTS (SELECT 1 FROM Messages b
                        WHERE b.ConversationId = Conversations.Id AND b.Author = 'Bot') THEN (SELECT MIN(m.SentAt) FROM Messages m
                        WHERE m.ConversationId = Conversations.Id AND m.Author = 'Customer') END),
                    ClosedAt = CASE WHEN Status = 'Closed' THEN LastActivityAt END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AwaitingAgentSince",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "FirstRespondedAt",
                table: "Conversations");
        }
    }
}
