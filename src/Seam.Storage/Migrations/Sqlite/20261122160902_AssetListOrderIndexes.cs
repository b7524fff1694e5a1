using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Seam.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssetListOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_assets_Name",
                table: "assets");

            migrationBuilder.CreateIndex(
                name: "IX_assets_Name_Id",
                table: "assets",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_assets_SiteId_Name_Id",
                table: "assets",
                columns: new[] { "SiteId", "Name", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_assets_Name_Id",
                table: "assets");

            migrationBuilder.DropIndex(
                name: "IX_assets_SiteId_Name_Id",
                table: "assets");

            migrationBuilder.CreateIndex(
                name: "IX_assets_Name",
                table: "assets",
                column: "Name");
        }
    }
}
