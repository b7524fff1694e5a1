using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Seam.Server.Tests;

internal static class Http
{
    /// <summary>Sends the request, asserts the status (showing the body when it differs) and returns the JSON body, if any.</summary>
    public static async Task<JsonElement> Expect(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {status} but got {(int)response.StatusCode} {response.StatusCode}: {text}");
        if (string.IsNullOrEmpty(text))
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 body: problem+json content type and the status repeated inside.</summary>
    public static async Task<JsonElement> ExpectProblem(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {status} but got {(int)response.StatusCode} {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var body = document.RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }

    public static Task<HttpResponseMessage> Post(this HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> Put(this HttpClient client, string path, object body) => client.PutAsJsonAsync(path, body);

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    public static IEnumerable<string> Ids(this JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.Str("id"));

    /// <summary>A fresh id, so that tests sharing one server never collide.</summary>
    public static string NewId(string prefix) => prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
