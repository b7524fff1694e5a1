using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Seam.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Exposure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExploitStatus",
                table: "advisory_vulnerabilities",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "access_grants",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SiteId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Grantee = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Vendor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Method = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ZoneId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AssetIds = table.Column<string>(type: "text", nullable: false),
                    MfaRequired = table.Column<bool>(type: "boolean", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_grants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "allow_rules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SiteId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FromAssetId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ToAssetId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Services = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_allow_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exposure_snapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ScopeId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Assets = table.Column<int>(type: "integer", nullable: false),
                    ReachableAssets = table.Column<int>(type: "integer", nullable: false),
                    ManipulableAssets = table.Column<int>(type: "integer", nullable: false),
                    ReachableFindings = table.Column<int>(type: "integer", nullable: false),
                    CrownJewelsReachable = table.Column<int>(type: "integer", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DataVersion = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exposure_snapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SiteId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessLine = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Day = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WeekOfMonth = table.Column<int>(type: "integer", nullable: true),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    DurationHours = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_windows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "observed_flows",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SiteId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SourceAssetId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TargetAssetId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Packets = table.Column<long>(type: "bigint", nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_observed_flows", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_grants_To",
                table: "access_grants",
                column: "To");

            migrationBuilder.CreateIndex(
                name: "IX_allow_rules_SiteId",
                table: "allow_rules",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_exposure_snapshots_Scope_ScopeId_At",
                table: "exposure_snapshots",
                columns: new[] { "Scope", "ScopeId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_windows_SiteId",
                table: "maintenance_windows",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_observed_flows_SiteId",
                table: "observed_flows",
                column: "SiteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_grants");

            migrationBuilder.DropTable(
                name: "allow_rules");

            migrationBuilder.DropTable(
                name: "exposure_snapshots");

            migrationBuilder.DropTable(
                name: "maintenance_windows");

            migrationBuilder.DropTable(
                name: "observed_flows");

            migrationBuilder.DropColumn(
                name: "ExploitStatus",
                table: "advisory_vulnerabilities");
        }
    }
}
