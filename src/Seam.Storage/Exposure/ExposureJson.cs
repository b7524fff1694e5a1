using System.Text.Json;
using System.Text.Json.Serialization;
using Seam.Inventory;

namespace Seam.Storage.Exposure;

/// <summary>
/// How exposure results and records are written as JSON by the API, the CLI and the audit log: camelCase names,
/// enumerations in kebab-case ("reachable-and-exploitable"), services in their written form ("modbus:tcp/502").
/// </summary>
public static class ExposureJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new ServiceEndpointConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class ServiceEndpointConverter : JsonConverter<ServiceEndpoint>
    {
        public override ServiceEndpoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ServiceEndpoint.TryParse(reader.GetString(), out var service, out var error) ? service.Value : throw new JsonException(error);

        public override void Write(Utf8JsonWriter writer, ServiceEndpoint value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
