using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations
{
    /// <inheritdoc />
    public partial class ReportRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Conversations = table.Column<int>(type: "INTEGER", nullable: false),
                    Messages = table.Column<int>(type: "INTEGER", nullable: false),
                    WaitedForAgent = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstResponded = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstResponseTimes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Closed = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolutionTimes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    BotAnswered = table.Column<int>(type: "INTEGER", nullable: false),
                    BotResolved = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportRollupState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRunStartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastRunFinishedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportRollupState", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_LastActivityAt",
                table: "Conversations",
                column: "LastActivityAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReportRollups_Day",
                table: "ReportRollups",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportRollups");

            migrationBuilder.DropTable(
                name: "ReportRollupState");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_LastActivityAt",
                table: "Conversations");
        }
    }
}
