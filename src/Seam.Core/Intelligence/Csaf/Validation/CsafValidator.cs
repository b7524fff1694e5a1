using System.Text.Json;

namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// The mandatory tests of CSAF 2.0 (§6.1.1–6.1.33), run on the raw JSON so that they judge exactly what the
/// publisher wrote, independent of how the model reads it. A document that fails any of them is not valid CSAF.
/// </summary>
/// <remarks>
/// The tests presuppose a schema-valid document; values of the wrong JSON type are skipped, never thrown on.
/// Known gaps: 6.1.11 checks names only for the CWEs in <see cref="CweNames"/>, the form of any other id;
/// 6.1.12 checks language tags in full syntax but existence only for two-letter languages (see <see cref="LanguageTag"/>);
/// 6.1.13 applies the purl specification's generic rules, not the per-type ones.
/// Cost is linear in the size of the document: every concern makes one pass with hash lookups. Thread-safe.
/// </remarks>
public static class CsafValidator
{
    /// <summary>Runs every mandatory test; the problems come in a stable order (by concern, then document order).</summary>
    /// <param name="root">The document's top-level object.</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> is not a JSON object, so it is no CSAF document at all.</exception>
    public static IReadOnlyList<CsafProblem> Validate(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A CSAF document is a JSON object; this is a JSON {root.ValueKind}.", nameof(root));
        }

        var problems = new List<CsafProblem>();

        var profile = DocumentChecks.ProfileOf(root);
        DocumentChecks.Check(root, profile, problems);
        TrackingChecks.Check(root, problems);
        var index = ProductTreeChecks.Check(root, problems);
        VulnerabilityChecks.Check(root, index, profile, problems);
        return problems;
    }
}
