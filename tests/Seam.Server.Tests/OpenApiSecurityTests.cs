using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Seam.Server.Tests;

/// <summary>Reads the served OpenAPI document so that no endpoint, present or future, escapes authentication.</summary>
public sealed class OpenApiSecurityTests(SeamServerFixture server) : IClassFixture<SeamServerFixture>
{
    private static readonly string[] Writes = ["post", "put", "patch", "delete"];

    [Fact]
    public async Task Every_write_operation_is_refused_without_credentials_and_for_a_viewer()
    {
        var operations = await OperationsAsync();
        var writes = operations.Where(o => Writes.Contains(o.Method)).ToList();
        Assert.True(writes.Count >= 25, $"Only {writes.Count} write operations found in the document");

        var anonymous = server.Client();
        var viewer = server.Client(server.ViewerToken);
        var failures = new List<string>();
        var ownRecords = 0;
        foreach (var (method, path, operation) in writes)
        {
            var url = Concrete(path, operation);
            if (operation.TryGetProperty("x-seam-own-records", out _))
            {
                // A write on the caller's own records only: anonymous is refused, a viewer gets through (to their own
                // rows, or a 404 for an id that is not theirs), never a 401 or 403.
                using var own = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = JsonContent.Create(new { }) };
                using var viewerResponse = await viewer.SendAsync(own);
                if (viewerResponse.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)viewerResponse.StatusCode >= 500)
                {
                    failures.Add($"{method.ToUpperInvariant()} {url} (own records): a viewer got {(int)viewerResponse.StatusCode}");
                }

                ownRecords++;
                using var anonymousRequest = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = JsonContent.Create(new { }) };
                using var anonymousResponse = await anonymous.SendAsync(anonymousRequest);
                if (anonymousResponse.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{method.ToUpperInvariant()} {url} (own records): expected 401 without credentials, got {(int)anonymousResponse.StatusCode}");
                }

                continue;
            }

            foreach (var (client, expected) in new[] { (anonymous, HttpStatusCode.Unauthorized), (viewer, HttpStatusCode.Forbidden) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = JsonContent.Create(new { }) };
                using var response = await client.SendAsync(request);
                if (response.StatusCode != expected)
                {
                    failures.Add($"{method.ToUpperInvariant()} {url}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
                else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{method.ToUpperInvariant()} {url}: {(int)expected} without problem details");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(2, ownRecords); // marking one notification read, and all of them
    }

    [Fact]
    public async Task Every_api_operation_has_a_tag_a_security_requirement_and_a_success_response()
    {
        var operations = (await OperationsAsync()).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.True(operations.Count >= 40, $"Only {operations.Count} API operations found");
        foreach (var (method, path, operation) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            Assert.True(operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{name} has no tag");
            Assert.True(operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0, $"{name} has no security requirement");
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.True(responses.Any(r => r.StartsWith('2')), $"{name} documents no success response");
            Assert.Contains("401", responses);
        }
    }

    [Fact]
    public async Task The_document_declares_bearer_tokens_and_the_session_cookie()
    {
        var document = await server.Client().GetAsync("/openapi/v1.json").Expect(HttpStatusCode.OK);
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").Str("scheme"));
        Assert.Equal("cookie", schemes.GetProperty("cookie").Str("in"));
        var createAsset = document.GetProperty("paths").GetProperty("/api/v1/assets").GetProperty("post");
        Assert.True(createAsset.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var listAssets = document.GetProperty("paths").GetProperty("/api/v1/assets").GetProperty("get");
        var parameters = listAssets.GetProperty("parameters").EnumerateArray().Select(p => p.Str("name")).ToList();
        Assert.Subset(new HashSet<string>(parameters), new HashSet<string> { "q", "site", "kind", "level", "minCriticality", "page", "pageSize", "sort" });
    }

    [Fact]
    public async Task A_read_without_credentials_is_401_as_problem_details()
    {
        await server.Client().GetAsync("/api/v1/assets").ExpectProblem(HttpStatusCode.Unauthorized);
        await server.Client("seam_not-a-real-token").GetAsync("/api/v1/sites").ExpectProblem(HttpStatusCode.Unauthorized);
    }

    private async Task<List<(string Method, string Path, JsonElement Operation)>> OperationsAsync()
    {
        var document = await server.Client().GetAsync("/openapi/v1.json").Expect(HttpStatusCode.OK);
        var result = new List<(string, string, JsonElement)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                result.Add((operation.Name, path.Name, operation.Value));
            }
        }

        return result;
    }

    /// <summary>Fills each {placeholder} with a plausible value of its declared type, so that routing (with its constraints) matches.</summary>
    private static string Concrete(string path, JsonElement operation)
    {
        var url = path;
        if (operation.TryGetProperty("parameters", out var parameters))
        {
            foreach (var p in parameters.EnumerateArray().Where(p => p.Str("in") == "path"))
            {
                var format = p.TryGetProperty("schema", out var schema) && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
                var value = format switch
                {
                    "uuid" => Guid.NewGuid().ToString(),
                    "int64" or "int32" => "987654",
                    _ => "north",
                };
                url = url.Replace("{" + p.Str("name") + "}", value, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain("{", url, StringComparison.Ordinal);
        return url;
    }
}
