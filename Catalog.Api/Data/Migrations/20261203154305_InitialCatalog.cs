using EdaAspire.Catalog.Api.ChangeRecord;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EdaAspire.Catalog.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaptureCheckpoints",
                columns: table => new
                {
                    Source = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Position = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaptureCheckpoints", x => x.Source);
                });

            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Price = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "nchar(3)", fixedLength: true, maxLength: 3, nullable: false),
                    Active = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "CaptureCheckpoints",
                columns: new[] { "Source", "Position" },
                values: new object[] { "Products", 0L });

            // The change record the connector reads (hand-written: EF does not model Change Tracking).
            migrationBuilder.Sql(ChangeTrackingSql.EnableOnDatabase, suppressTransaction: true);
            migrationBuilder.Sql(ChangeTrackingSql.EnableOnProducts);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ChangeTrackingSql.DisableOnProducts);

            migrationBuilder.DropTable(
                name: "CaptureCheckpoints");

            migrationBuilder.DropTable(
                name: "Products");
        }
    }
}
