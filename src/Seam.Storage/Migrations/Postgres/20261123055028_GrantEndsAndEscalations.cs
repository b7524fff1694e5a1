using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Seam.Storage.Migrations.Postgres
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
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "asked");

            migrationBuilder.CreateTable(
                name: "access_grant_ends",
                columns: table => new
                {
                    GrantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ScheduledEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
