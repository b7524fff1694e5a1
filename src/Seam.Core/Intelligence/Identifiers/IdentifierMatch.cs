namespace Seam.Intelligence.Identifiers;

public enum MatchOutcome
{
    Match,
    NoMatch,

    /// <summary>The identifiers do not say enough to decide (an asset CPE without a version, a pattern on both sides).</summary>
    Unknown,
}

/// <summary>Whether an advisory's identifier names an asset's, with the sentence that says why.</summary>
public sealed record IdentifierMatch(MatchOutcome Outcome, string Reason)
{
    public static IdentifierMatch Match(string reason) => new(MatchOutcome.Match, reason);

    public static IdentifierMatch NoMatch(string reason) => new(MatchOutcome.NoMatch, reason);

    public static IdentifierMatch Unknown(string reason) => new(MatchOutcome.Unknown, reason);
}

/// <summary>Either a parsed identifier or what is wrong with the text, naming the component.</summary>
public sealed record IdentifierParse<T>(T? Value, string? Error)
    where T : class
{
    public bool Success => Value is not null;
}
