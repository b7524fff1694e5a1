using System.Text.Json;
using System.Text.Json.Nodes;
using Seam.Intelligence.Csaf.Validation;

namespace Seam.Core.Tests.Intelligence.Csaf.Validation;

/// <summary>Small CSAF documents built in code: a valid csaf_base skeleton that each test bends one way.</summary>
internal static class CsafFixture
{
    public static JsonObject Document(string category = "csaf_base") => new()
    {
        ["document"] = new JsonObject
        {
            ["category"] = category,
            ["csaf_version"] = "2.0",
            ["lang"] = "en",
            ["title"] = "Fixture",
            ["publisher"] = new JsonObject { ["category"] = "vendor", ["name"] = "Example", ["namespace"] = "https://example.com" },
            ["tracking"] = new JsonObject
            {
                ["id"] = "EX-1",
                ["status"] = "final",
                ["version"] = "1",
                ["initial_release_date"] = "2024-01-01T00:00:00Z",
                ["current_release_date"] = "2024-01-01T00:00:00Z",
                ["revision_history"] = new JsonArray(Revision("2024-01-01T00:00:00Z", "1")),
            },
        },
    };

    public static JsonObject Revision(string date, string number) =>
        new() { ["date"] = date, ["number"] = number, ["summary"] = "Change" };

    /// <summary>A document whose product tree and vulnerabilities are given as JSON text.</summary>
    public static JsonObject With(string productTree, string? vulnerabilities = null, string category = "csaf_base")
    {
        var document = Document(category);
        document["product_tree"] = JsonNode.Parse(productTree);
        if (vulnerabilities is not null)
        {
            document["vulnerabilities"] = JsonNode.Parse(vulnerabilities);
        }

        return document;
    }

    public static JsonObject Tracking(this JsonObject document) => document["document"]!["tracking"]!.AsObject();

    public static IReadOnlyList<CsafProblem> Validate(JsonNode document)
    {
        using var parsed = JsonDocument.Parse(document.ToJsonString());
        return CsafValidator.Validate(parsed.RootElement);
    }

    public static IReadOnlyList<CsafProblem> Validate(JsonNode document, string testId) =>
        [.. Validate(document).Where(p => p.TestId == testId)];
}
