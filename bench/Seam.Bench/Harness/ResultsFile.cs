using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Seam.Bench.Harness;

/// <summary>Writes one run's results as JSON to <c>bench/results/&lt;mode&gt;-&lt;timestamp&gt;.json</c> (ignored by git).</summary>
public static class ResultsFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // A local file for people to read: keep → and × as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(BenchArguments arguments, object result)
    {
        var folder = arguments.ResultsFolder ?? Path.Combine(Repository.Root, "bench", "results");
        Directory.CreateDirectory(folder);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{arguments.Mode.ToString().ToLowerInvariant()}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, JsonSerializer.Serialize(result, Options) + "\n");
        return path;
    }
}
