using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Seam.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GrantEndsAndEscalations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "request_waiting",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "asked");

            migrationBuilder.CreateTable(
                name: "access_grant_ends",
                columns: table => new
                {
                    GrantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ScheduledEnd = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_grant_ends", x => x.GrantId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_grant_ends");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "request_waiting");
        }
    }
}
