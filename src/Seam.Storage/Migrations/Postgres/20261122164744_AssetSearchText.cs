using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Seam.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AssetSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "assets",
                type: "text",
                nullable: true,
                computedColumnSql: "lower(\"Id\" || ' ' || \"Name\" || ' ' || coalesce(\"Vendor\", '') || ' ' || coalesce(\"Product\", '') || ' ' || coalesce(\"Model\", '') || ' ' || coalesce(\"ProcessLine\", '') || ' ' || \"Addresses\")",
                stored: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "assets");
        }
    }
}
