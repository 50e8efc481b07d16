using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations
{
    /// <inheritdoc />
    public partial class BotDialogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BotEnabled",
                table: "Sites",
                type: "INTEGER",
                nullable: false,
                // Sites that existed before the bot get it on, like new ones.
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "BotActive",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "HandedOverAt",
                table: "Conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandoverSummary",
                table: "Conversations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BotMemories",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Locale = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    OrderNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Product = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Size = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Colour = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    PendingIntent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    AwaitingSlot = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    UnclearTurns = table.Column<int>(type: "INTEGER", nullable: false),
                    LastIntent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    LastConfidence = table.Column<double>(type: "REAL", nullable: false),
                    Answered = table.Column<string>(type: "TEXT", nullable: false),
                    Turns = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BotMemories", x => x.ConversationId);
                    table.ForeignKey(
                        name: "FK_BotMemories_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BotMemories");

            migrationBuilder.DropColumn(
                name: "BotEnabled",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "BotActive",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "HandedOverAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "HandoverSummary",
                table: "Conversations");
        }
    }
}
