using System.Text.Json;

namespace Seam.Intelligence.Csaf;

/// <summary>
/// One problem with a CSAF document. <see cref="JsonPath"/> is an RFC 6901 pointer
/// (<c>/vulnerabilities/0/product_status/fixed/2</c>; empty for the whole document), <see cref="Message"/> says what
/// was expected there.
/// </summary>
public sealed record CsafError(string JsonPath, string Message)
{
    public override string ToString() => JsonPath.Length == 0 ? Message : $"{JsonPath}: {Message}";
}

/// <summary>
/// The outcome of reading one document: the model when the document is structurally sound, otherwise every problem
/// found. When the reader parsed the bytes itself it keeps the <see cref="JsonDocument"/> so that the mandatory tests
/// run on the same tree without a second parse; dispose the result to return its pooled memory.
/// </summary>
public sealed class CsafReadResult : IDisposable
{
    internal CsafReadResult(string sourceName, CsafDocument? document, IReadOnlyList<CsafError> errors, JsonDocument? json, JsonElement? root)
    {
        SourceName = sourceName;
        Document = document;
        Errors = errors;
        Json = json;
        Root = root;
    }

    /// <summary>The file or archive entry the document came from, as given to the reader.</summary>
    public string SourceName { get; }

    /// <summary>Null when <see cref="Errors"/> is not empty: a half-read advisory is never handed on.</summary>
    public CsafDocument? Document { get; }

    public IReadOnlyList<CsafError> Errors { get; }

    /// <summary>The parsed JSON when the reader parsed it (byte entry point); owned by this result.</summary>
    public JsonDocument? Json { get; }

    /// <summary>The root element that was read; null only when the bytes were not JSON at all.</summary>
    public JsonElement? Root { get; }

    public bool Succeeded => Document is not null;

    public void Dispose() => Json?.Dispose();
}

/// <summary>A CSAF source (file, folder or archive) that cannot be read at all; the message names the file or entry.</summary>
public sealed class CsafSourceException : Exception
{
    public CsafSourceException(string message)
        : base(message)
    {
    }

    public CsafSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CsafSourceException()
    {
    }
}
