using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Seam.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Intelligence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Identifiers",
                table: "assets",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "advisories",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PublisherName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PublisherNamespace = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RevisionCount = table.Column<int>(type: "integer", nullable: false),
                    InitialReleaseDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CurrentReleaseDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Tlp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    VulnerabilityCount = table.Column<int>(type: "integer", nullable: false),
                    ProductCount = table.Column<int>(type: "integer", nullable: false),
                    RemediationCount = table.Column<int>(type: "integer", nullable: false),
                    MaxCvssScore = table.Column<double>(type: "double precision", nullable: true),
                    Vendors = table.Column<string>(type: "text", nullable: false),
                    Cves = table.Column<string>(type: "text", nullable: false),
                    ContentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SourceName = table.Column<string>(type: "text", nullable: false),
                    Sha512Check = table.Column<string>(type: "text", nullable: false),
                    SignatureCheck = table.Column<string>(type: "text", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Document = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "epss_scores",
                columns: table => new
                {
                    CveId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Probability = table.Column<double>(type: "double precision", nullable: false),
                    Percentile = table.Column<double>(type: "double precision", nullable: false),
                    ModelVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ScoreDate = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_epss_scores", x => x.CveId);
                });

            migrationBuilder.CreateTable(
                name: "findings",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssetId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SiteId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    VulnerabilityId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AdvisoryId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AdvisoryVersion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProductId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProductName = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Confidence = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Explanation = table.Column<string>(type: "text", nullable: false),
                    ForIt = table.Column<string>(type: "text", nullable: false),
                    ForOt = table.Column<string>(type: "text", nullable: false),
                    CvssVector = table.Column<string>(type: "text", nullable: true),
                    CvssScore = table.Column<double>(type: "double precision", nullable: true),
                    Remediation = table.Column<string>(type: "text", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StateReason = table.Column<string>(type: "text", nullable: true),
                    StateChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    StateChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcceptedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FirstSeen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_findings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "kev_entries",
                columns: table => new
                {
                    CveId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    VendorProject = table.Column<string>(type: "text", nullable: false),
                    Product = table.Column<string>(type: "text", nullable: false),
                    VulnerabilityName = table.Column<string>(type: "text", nullable: false),
                    DateAdded = table.Column<DateOnly>(type: "date", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RequiredAction = table.Column<string>(type: "text", nullable: false),
                    ShortDescription = table.Column<string>(type: "text", nullable: false),
                    KnownRansomwareCampaignUse = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Notes = table.Column<string>(type: "text", nullable: true),
                    CatalogVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kev_entries", x => x.CveId);
                });

            migrationBuilder.CreateTable(
                name: "nvd_vulnerabilities",
                columns: table => new
                {
                    CveId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Published = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastModified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CvssV31Vector = table.Column<string>(type: "text", nullable: true),
                    CvssV31Score = table.Column<double>(type: "double precision", nullable: true),
                    CvssV40Vector = table.Column<string>(type: "text", nullable: true),
                    CvssV40Score = table.Column<double>(type: "double precision", nullable: true),
                    CvssV2Vector = table.Column<string>(type: "text", nullable: true),
                    CvssV2Score = table.Column<double>(type: "double precision", nullable: true),
                    Cwes = table.Column<string>(type: "text", nullable: false),
                    CpeCriteria = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nvd_vulnerabilities", x => x.CveId);
                });

            migrationBuilder.CreateTable(
                name: "vendor_aliases",
                columns: table => new
                {
                    Alias = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Canonical = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Relation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vendor_aliases", x => x.Alias);
                });

            migrationBuilder.CreateTable(
                name: "advisory_vulnerabilities",
                columns: table => new
                {
                    AdvisoryId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VulnerabilityId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "text", nullable: true),
                    Cwe = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CvssVector = table.Column<string>(type: "text", nullable: true),
                    CvssScore = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisory_vulnerabilities", x => new { x.AdvisoryId, x.VulnerabilityId });
                    table.ForeignKey(
                        name: "FK_advisory_vulnerabilities_advisories_AdvisoryId",
                        column: x => x.AdvisoryId,
                        principalTable: "advisories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "finding_state_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FindingId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    From = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    To = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    AcceptedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_finding_state_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_finding_state_changes_findings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "findings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_advisories_CurrentReleaseDate",
                table: "advisories",
                column: "CurrentReleaseDate");

            migrationBuilder.CreateIndex(
                name: "IX_advisory_vulnerabilities_VulnerabilityId",
                table: "advisory_vulnerabilities",
                column: "VulnerabilityId");

            migrationBuilder.CreateIndex(
                name: "IX_finding_state_changes_FindingId_At",
                table: "finding_state_changes",
                columns: new[] { "FindingId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_findings_AdvisoryId",
                table: "findings",
                column: "AdvisoryId");

            migrationBuilder.CreateIndex(
                name: "IX_findings_AssetId_VulnerabilityId",
                table: "findings",
                columns: new[] { "AssetId", "VulnerabilityId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_findings_SiteId_State",
                table: "findings",
                columns: new[] { "SiteId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_findings_VulnerabilityId",
                table: "findings",
                column: "VulnerabilityId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "advisory_vulnerabilities");

            migrationBuilder.DropTable(
                name: "epss_scores");

            migrationBuilder.DropTable(
                name: "finding_state_changes");

            migrationBuilder.DropTable(
                name: "kev_entries");

            migrationBuilder.DropTable(
                name: "nvd_vulnerabilities");

            migrationBuilder.DropTable(
                name: "vendor_aliases");

            migrationBuilder.DropTable(
                name: "advisories");

            migrationBuilder.DropTable(
                name: "findings");

            migrationBuilder.DropColumn(
                name: "Identifiers",
                table: "assets");
        }
    }
}
