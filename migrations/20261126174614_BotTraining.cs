using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations
{
    /// <inheritdoc />
    public partial class BotTraining : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BotUtterances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    NormalizedText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PredictedIntent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    ModelVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    LabeledById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LabeledAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BotUtterances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BotUtterances_AspNetUsers_LabeledById",
                        column: x => x.LabeledById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_BotUtterances_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntentTrainingExamples",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Intent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Locale = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UtteranceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntentTrainingExamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntentTrainingExamples_BotUtterances_UtteranceId",
                        column: x => x.UtteranceId,
                        principalTable: "BotUtterances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BotUtterances_ConversationId",
                table: "BotUtterances",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_BotUtterances_CreatedAt",
                table: "BotUtterances",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_BotUtterances_Label_Confidence",
                table: "BotUtterances",
                columns: new[] { "Label", "Confidence" });

            migrationBuilder.CreateIndex(
                name: "IX_BotUtterances_LabeledById",
                table: "BotUtterances",
                column: "LabeledById");

            migrationBuilder.CreateIndex(
                name: "IX_IntentTrainingExamples_CreatedAt",
                table: "IntentTrainingExamples",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IntentTrainingExamples_UtteranceId",
                table: "IntentTrainingExamples",
                column: "UtteranceId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntentTrainingExamples");

            migrationBuilder.DropTable(
                name: "BotUtterances");
        }
    }
}
