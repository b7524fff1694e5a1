using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Seam.Inventory;

namespace Seam.Testing.Inventory;

/// <summary>
/// A canonical text form of an inventory for "is it the same?" assertions: lists sorted by id, times as UTC instants,
/// decimals without trailing zeros (SQLite keeps the scale given, PostgreSQL's numeric(18,2) pads to two places).
/// </summary>
public static class InventoryJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new InstantConverter(), new DecimalConverter() },
    };

    public static string Canonical(InventoryModel model) => JsonSerializer.Serialize(
        new InventoryModel
        {
            Teams = [.. model.Teams.OrderBy(t => t.Id, StringComparer.Ordinal)],
            People = [.. model.People.OrderBy(p => p.Id, StringComparer.Ordinal)],
            Sites = [.. model.Sites.OrderBy(s => s.Id, StringComparer.Ordinal)],
            Zones = [.. model.Zones.OrderBy(z => z.Id, StringComparer.Ordinal)],
            Conduits = [.. model.Conduits.OrderBy(c => c.Id, StringComparer.Ordinal)],
            Assets = [.. model.Assets.OrderBy(a => a.Id, StringComparer.Ordinal)],
            EntryPoints = [.. model.EntryPoints.OrderBy(e => e.Id, StringComparer.Ordinal)],
        },
        Options);

    private sealed class InstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
    }

    private sealed class DecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        // "G29" drops trailing zeros of a decimal, so 1.5 and 1.50 print alike.
        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("G29", CultureInfo.InvariantCulture));
    }
}
