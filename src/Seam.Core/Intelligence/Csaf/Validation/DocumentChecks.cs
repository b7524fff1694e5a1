using System.Text.Json;
using static Seam.Intelligence.Csaf.Validation.CsafMandatoryTests;

namespace Seam.Intelligence.Csaf.Validation;

/// <summary>The profile a document claims through <c>/document/category</c>; any other value is CSAF Base.</summary>
internal enum DocumentProfile
{
    Base,
    SecurityIncidentResponse,
    InformationalAdvisory,
    SecurityAdvisory,
    Vex,
}

/// <summary>
/// Tests on <c>/document</c> outside tracking: languages (6.1.12, 6.1.15, 6.1.28), the category name (6.1.26) and
/// the document-level profile tests (6.1.27.1–6.1.27.4, 6.1.27.11).
/// </summary>
internal static class DocumentChecks
{
    private static readonly HashSet<string> DescriptiveNoteCategories =
        new(["description", "details", "general", "summary"], StringComparer.Ordinal);

    /// <summary>
    /// The names (without <c>csaf_</c>) and values of the profiles other than CSAF Base, with dashes, whitespace and
    /// underscores removed, lower case: a base document must not take one of them as its category (6.1.26).
    /// </summary>
    private static readonly HashSet<string> ReservedCategoryNames = new(
    [
        "securityincidentresponse", "csafsecurityincidentresponse", "informationaladvisory", "csafinformationaladvisory",
        "securityadvisory", "csafsecurityadvisory", "vex", "csafvex",
    ], StringComparer.Ordinal);

    public static DocumentProfile ProfileOf(JsonElement root) =>
        (root.TryObject("document", out var document) ? document.StringOf("category") : null) switch
        {
            "csaf_security_incident_response" => DocumentProfile.SecurityIncidentResponse,
            "csaf_informational_advisory" => DocumentProfile.InformationalAdvisory,
            "csaf_security_advisory" => DocumentProfile.SecurityAdvisory,
            "csaf_vex" => DocumentProfile.Vex,
            _ => DocumentProfile.Base,
        };

    public static void Check(JsonElement root, DocumentProfile profile, List<CsafProblem> problems)
    {
        if (!root.TryObject("document", out var document))
        {
            return;
        }

        var lang = document.StringOf("lang");
        var sourceLang = document.StringOf("source_lang");
        CheckLanguage(lang, "/document/lang", problems);
        CheckLanguage(sourceLang, "/document/source_lang", problems);

        if (document.TryObject("publisher", out var publisher) && publisher.StringOf("category") == "translator" && sourceLang is null)
        {
            problems.Add(Translator.At("/document/source_lang",
                "The publisher is a translator, so the document must say which language it was translated from (source_lang)."));
        }

        if (lang is not null && sourceLang is not null && string.Equals(lang, sourceLang, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(Translation.At("/document/source_lang",
                $"The source language '{sourceLang}' is the document language '{lang}'; a translation changes the language."));
        }

        if (profile == DocumentProfile.Base && document.StringOf("category") is { } category)
        {
            CheckBaseCategory(category, problems);
        }

        switch (profile)
        {
            case DocumentProfile.InformationalAdvisory or DocumentProfile.SecurityIncidentResponse:
                CheckNotesAndReferences(document, problems);
                if (profile == DocumentProfile.InformationalAdvisory && root.Has("vulnerabilities"))
                {
                    problems.Add(ProfileNoVulnerabilities.At("/vulnerabilities",
                        "A csaf_informational_advisory describes no vulnerabilities; use csaf_security_advisory or csaf_base."));
                }

                break;
            case DocumentProfile.SecurityAdvisory or DocumentProfile.Vex:
                if (!root.Has("product_tree"))
                {
                    problems.Add(ProfileProductTree.At("/product_tree", "The profile requires a product_tree."));
                }

                if (!root.Has("vulnerabilities"))
                {
                    problems.Add(ProfileVulnerabilities.At("/vulnerabilities", "The profile requires vulnerabilities."));
                }

                break;
        }
    }

    private static void CheckLanguage(string? tag, string path, List<CsafProblem> problems)
    {
        if (tag is not null && LanguageTag.Check(tag) is { } error)
        {
            problems.Add(Language.At(path, $"'{tag}' is not a valid language tag: {error}."));
        }
    }

    private static void CheckBaseCategory(string category, List<CsafProblem> problems)
    {
        var normalized = string.Concat(category.Where(c => c is not ('-' or '_') && !char.IsWhiteSpace(c))).ToLowerInvariant();
        if (ReservedCategoryNames.Contains(normalized))
        {
            problems.Add(ProhibitedCategoryName.At("/document/category",
                $"'{category}' is the name of a CSAF profile written differently; use the profile's exact value or another name."));
        }
        else if (category.StartsWith("csaf_", StringComparison.OrdinalIgnoreCase) && category != "csaf_base")
        {
            problems.Add(ProhibitedCategoryName.At("/document/category",
                $"'{category}' starts with the reserved prefix 'csaf_'; only the profile values may."));
        }
    }

    private static void CheckNotesAndReferences(JsonElement document, List<CsafProblem> problems)
    {
        if (!document.Items("notes").Any(n => n.Item.StringOf("category") is { } c && DescriptiveNoteCategories.Contains(c)))
        {
            problems.Add(ProfileDocumentNotes.At("/document/notes",
                "The profile requires a document note of category description, details, general or summary."));
        }

        // A reference without a category is external: that is the schema's default.
        if (!document.Items("references").Any(r => (r.Item.StringOf("category") ?? "external") == "external"))
        {
            problems.Add(ProfileDocumentReferences.At("/document/references",
                "The profile requires at least one reference of category external."));
        }
    }
}
