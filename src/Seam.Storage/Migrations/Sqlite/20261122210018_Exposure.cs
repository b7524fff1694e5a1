using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Seam.Storage.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "access_grants",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SiteId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Grantee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ZoneId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AssetIds = table.Column<string>(type: "TEXT", nullable: false),
                    MfaRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    To = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_grants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "allow_rules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SiteId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FromAssetId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ToAssetId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Services = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_allow_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "exposure_snapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ScopeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Assets = table.Column<int>(type: "INTEGER", nullable: false),
                    ReachableAssets = table.Column<int>(type: "INTEGER", nullable: false),
                    ManipulableAssets = table.Column<int>(type: "INTEGER", nullable: false),
                    ReachableFindings = table.Column<int>(type: "INTEGER", nullable: false),
                    CrownJewelsReachable = table.Column<int>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DataVersion = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exposure_snapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SiteId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProcessLine = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Day = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    WeekOfMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    DurationHours = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_windows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "observed_flows",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SiteId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SourceAssetId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TargetAssetId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FirstSeen = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeen = table.Column<long>(type: "INTEGER", nullable: false),
                    Packets = table.Column<long>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
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
