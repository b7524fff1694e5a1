using System.Text;
using Seam.Intelligence;
using Seam.Intelligence.Advisories;
using Seam.Intelligence.Csaf;
using Seam.Intelligence.Matching;

namespace Seam.Server.Features.Intelligence;

/// <summary>Builds an advisory's detail from the stored document itself, so the page shows exactly what was imported.</summary>
internal static class AdvisoryDetails
{
    public static AdvisoryDetail? Read(Advisory advisory)
    {
        using var read = CsafReader.Read(Encoding.UTF8.GetBytes(advisory.Document), advisory.Id);
        if (read.Document is not { } document)
        {
            return null;
        }

        var facts = AdvisoryFactsBuilder.From(document);
        var vulnerabilities = new List<AdvisoryVulnerabilityDto>();
        for (var i = 0; i < document.Vulnerabilities.Count; i++)
        {
            var v = document.Vulnerabilities[i];
            var status = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var kind in Enum.GetValues<ProductStatusKind>())
            {
                if (v.ProductStatus[kind].Count > 0)
                {
                    status[AdvisoryMatcher.StatusPhrase(kind)] = v.ProductStatus[kind];
                }
            }

            vulnerabilities.Add(new AdvisoryVulnerabilityDto(
                facts.Vulnerabilities[i].VulnerabilityId,
                v.Cve,
                v.Title,
                v.Cwe is { } cwe ? $"{cwe.Id} {cwe.Name}" : null,
                [.. v.Scores.SelectMany(s => new[] { s.CvssV4, s.CvssV3, s.CvssV2 }.OfType<CsafCvss>()
                    .Select(c => new ScoreDto(c.Version, c.VectorString, (double?)c.BaseScore, s.Products)))],
                status,
                [.. v.Remediations.Select(r => new RemediationDto(AdvisoryFactsBuilder.CategoryText(r.Category), r.Details, r.Url, r.Date,
                    CsafProducts.Resolve(document, r.ProductIds, r.GroupIds)))],
                [.. v.Threats.Select(t => new ThreatDto(Words(t.Category.ToString()), t.Details, t.Date, CsafProducts.Resolve(document, t.ProductIds, t.GroupIds)))],
                [.. v.Notes.Select(n => n.Title is null ? n.Text : $"{n.Title}: {n.Text}")]));
        }

        var meta = document.Document;
        return new AdvisoryDetail(
            advisory.ToSummary(),
            advisory.PublisherNamespace,
            advisory.Tlp,
            advisory.SourceName,
            advisory.Sha512Check,
            advisory.SignatureCheck,
            advisory.ImportedAt,
            advisory.ImportedBy,
            [.. meta.Tracking.RevisionHistory.Select(r => new RevisionDto(r.Number, r.Date, r.Summary))],
            [.. meta.Notes.Select(n => n.Title is null ? n.Text : $"{n.Title}: {n.Text}")],
            [.. facts.Products.Values.OrderBy(p => p.ProductId, StringComparer.Ordinal)],
            vulnerabilities);
    }

    /// <summary>"ExploitStatus" → "exploit status".</summary>
    private static string Words(string pascal)
    {
        var builder = new StringBuilder();
        foreach (var ch in pascal)
        {
            if (char.IsUpper(ch) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(ch));
        }

        return builder.ToString();
    }
}
