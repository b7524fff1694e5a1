using Seam.Intelligence.Csaf;

namespace Seam.Intelligence.Matching;

/// <summary>Reduces a read CSAF document to what matching needs: flattened products and per-vulnerability statements.</summary>
public static class AdvisoryFactsBuilder
{
    public static AdvisoryFacts From(CsafDocument document)
    {
        var tracking = document.Document.Tracking;
        var products = CsafProducts.Describe(document);
        var vulnerabilities = new List<VulnerabilityFacts>(document.Vulnerabilities.Count);
        for (var i = 0; i < document.Vulnerabilities.Count; i++)
        {
            var vulnerability = document.Vulnerabilities[i];
            vulnerabilities.Add(new VulnerabilityFacts(
                VulnerabilityIdOf(tracking.Id, vulnerability, i),
                vulnerability.Title,
                Statements(vulnerability),
                Scores(vulnerability),
                Remediations(document, vulnerability)));
        }

        return new AdvisoryFacts(tracking.Id, tracking.Version, document.Document.Title, products, vulnerabilities);
    }

    /// <summary>The CVE id; else the first tracking-system id; else the advisory id with the vulnerability's position.</summary>
    public static string VulnerabilityIdOf(string advisoryId, CsafVulnerability vulnerability, int index) =>
        vulnerability.Cve?.ToUpperInvariant()
        ?? (vulnerability.Ids.Count > 0 ? $"{vulnerability.Ids[0].SystemName}:{vulnerability.Ids[0].Text}" : $"{advisoryId}#{index + 1}");

    private static List<ProductStatement> Statements(CsafVulnerability vulnerability)
    {
        var statements = new List<ProductStatement>();
        foreach (var kind in Enum.GetValues<ProductStatusKind>())
        {
            foreach (var productId in vulnerability.ProductStatus[kind])
            {
                statements.Add(new ProductStatement(productId, kind));
            }
        }

        return statements;
    }

    /// <summary>Per product, the highest CVSS v3 base score stated (v2 only where no v3 is given).</summary>
    private static Dictionary<string, ProductScore> Scores(CsafVulnerability vulnerability)
    {
        var scores = new Dictionary<string, ProductScore>(StringComparer.Ordinal);
        foreach (var score in vulnerability.Scores)
        {
            var cvss = score.CvssV3 ?? score.CvssV2;
            if (cvss?.BaseScore is not { } baseScore)
            {
                continue;
            }

            foreach (var productId in score.Products)
            {
                if (!scores.TryGetValue(productId, out var current) || (double)baseScore > current.Score)
                {
                    scores[productId] = new ProductScore(cvss.VectorString, (double)baseScore);
                }
            }
        }

        return scores;
    }

    /// <summary>Per product, its remediations in one line: vendor fixes first, then workarounds and mitigations.</summary>
    private static Dictionary<string, string> Remediations(CsafDocument document, CsafVulnerability vulnerability)
    {
        var lines = new Dictionary<string, List<(int Order, string Text)>>(StringComparer.Ordinal);
        foreach (var remediation in vulnerability.Remediations)
        {
            var text = $"{CategoryText(remediation.Category)}: {FirstSentence(remediation.Details)}" + (remediation.Url is null ? string.Empty : $" ({remediation.Url})");
            foreach (var productId in CsafProducts.Resolve(document, remediation.ProductIds, remediation.GroupIds))
            {
                if (!lines.TryGetValue(productId, out var list))
                {
                    lines[productId] = list = [];
                }

                if (!list.Exists(l => l.Text == text))
                {
                    list.Add((Order(remediation.Category), text));
                }
            }
        }

        return lines.ToDictionary(p => p.Key, p => string.Join(" | ", p.Value.OrderBy(l => l.Order).Select(l => l.Text)), StringComparer.Ordinal);
    }

    public static string CategoryText(CsafRemediationCategory category) => category switch
    {
        CsafRemediationCategory.VendorFix => "vendor fix",
        CsafRemediationCategory.Workaround => "workaround",
        CsafRemediationCategory.Mitigation => "mitigation",
        CsafRemediationCategory.NoFixPlanned => "no fix planned",
        CsafRemediationCategory.NoneAvailable => "none available",
        _ => category.ToString(),
    };

    private static int Order(CsafRemediationCategory category) => category switch
    {
        CsafRemediationCategory.VendorFix => 0,
        CsafRemediationCategory.Workaround => 1,
        CsafRemediationCategory.Mitigation => 2,
        _ => 3,
    };

    /// <summary>Advisories often write paragraphs; a finding carries the first sentence, the advisory page the rest.</summary>
    private static string FirstSentence(string details)
    {
        var text = details.ReplaceLineEndings(" ").Trim();
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 && end < 240 ? text[..(end + 1)] : text;
        return sentence.Length <= 240 ? sentence : sentence[..237] + "...";
    }
}
