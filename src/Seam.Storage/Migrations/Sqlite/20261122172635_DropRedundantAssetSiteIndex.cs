using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Seam.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DropRedundantAssetSiteIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_assets_SiteId",
                table: "assets");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_assets_SiteId",
                table: "assets",
                column: "SiteId");
        }
    }
}
