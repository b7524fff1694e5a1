using Microsoft.AspNetCore.Http.HttpResults;

namespace Seam.Server.Features.Api;

/// <summary>Expected failures of API calls as RFC 7807 problem details. Messages are plain language and never carry exception text.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what} with id '{id}'.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ValidationProblem Invalid(FieldErrors errors, string title, IReadOnlyList<ProblemDto>? problems = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (problems is { Count: > 0 })
        {
            extensions["problems"] = problems;
        }

        return TypedResults.ValidationProblem(errors.ToDictionary(), title: title,
            detail: "Correct the fields listed under 'errors' and send the request again.", extensions: extensions);
    }

    public static ValidationProblem BadQuery(FieldErrors errors) =>
        Invalid(errors, "The query parameters are not valid");
}

/// <summary>Field name → plain-language messages, collected while reading a request.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
