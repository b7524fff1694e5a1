using System.Globalization;
using Seam.Intelligence.Cvss;
using Seam.Testing.Corpus;

namespace Seam.Core.Tests.Intelligence.Cvss;

/// <summary>
/// Every vector of the RedHat CVSS test files (see shared/corpus/PROVENANCE.md §5) must score exactly as the file
/// says. Each test reads the whole file, collects every mismatch with its line number, and checks it read as many
/// lines as the file is known to have, so a reading slip cannot make it pass on nothing.
/// </summary>
public sealed class CvssCorpusTests
{
    [Theory]
    [InlineData("vectors_simple2", 729)]
    [InlineData("vectors_cvsslib2", 24)]
    public void Every_v2_vector_scores_as_the_reference_says(string file, int expectedLines)
    {
        var mismatches = new List<string>();
        var lines = ReadCases(file, (line, vector, expected) =>
        {
            var parsed = CvssVector.Parse(vector);
            if (parsed is not CvssV2Vector v2)
            {
                mismatches.Add($"{file}:{line}: parsed as {parsed.Version}, expected V2");
                return;
            }

            Compare(mismatches, file, line, "base", expected[0], v2.BaseScore);
            CompareOptional(mismatches, file, line, "temporal", expected[1], v2.TemporalScore, v2.HasTemporalMetrics, v2.BaseScore);
            if (expected[2] is { } environmental)
            {
                Compare(mismatches, file, line, "environmental", environmental, v2.EnvironmentalScore);
            }
            else if (v2.HasEnvironmentalMetrics)
            {
                mismatches.Add($"{file}:{line}: reference has no environmental score but the vector has environmental metrics");
            }
        });

        Assert.Equal(expectedLines, lines);
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Theory]
    [InlineData("vectors_simple3", 2592, CvssVersion.V3_0)]
    [InlineData("vectors_cvsslib3", 29, CvssVersion.V3_0)]
    [InlineData("vectors_simple31_odd-lines", 1296, CvssVersion.V3_1)]
    public void Every_v3_vector_scores_as_the_reference_says(string file, int expectedLines, CvssVersion version)
    {
        var mismatches = new List<string>();
        var lines = ReadCases(file, (line, vector, expected) =>
        {
            var v3 = CvssV3Vector.Parse(vector);
            if (v3.Version != version)
            {
                mismatches.Add($"{file}:{line}: parsed as {v3.Version}, expected {version}");
            }

            Compare(mismatches, file, line, "base", expected[0], v3.BaseScore);
            Compare(mismatches, file, line, "temporal", expected[1], v3.TemporalScore);
            Compare(mismatches, file, line, "environmental", expected[2], v3.EnvironmentalScore);
        });

        Assert.Equal(expectedLines, lines);
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Theory]
    [InlineData("vectors_security4", 54)]
    [InlineData("vectors_simple4_odd-lines", 529)]
    public void Every_v4_vector_scores_as_the_reference_says(string file, int expectedLines)
    {
        var mismatches = new List<string>();
        var lines = ReadCases(file, (line, vector, expected) =>
        {
            var v4 = CvssV4Vector.Parse(vector);
            Compare(mismatches, file, line, "score", expected[0], v4.Score);
            if (expected.Length != 1)
            {
                mismatches.Add($"{file}:{line}: expected one score, the line has {expected.Length}");
            }
        });

        Assert.Equal(expectedLines, lines);
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Theory]
    [InlineData("vectors_simple2")]
    [InlineData("vectors_cvsslib2")]
    [InlineData("vectors_simple3")]
    [InlineData("vectors_cvsslib3")]
    [InlineData("vectors_simple31_odd-lines")]
    [InlineData("vectors_security4")]
    [InlineData("vectors_simple4_odd-lines")]
    public void Every_corpus_vector_survives_a_round_trip_through_its_normal_form(string file)
    {
        var mismatches = new List<string>();
        ReadCases(file, (line, vector, _) =>
        {
            var first = CvssVector.Parse(vector);
            var second = CvssVector.Parse(first.VectorString);
            if (second.VectorString != first.VectorString || second.Score != first.Score || second.Version != first.Version)
            {
                mismatches.Add($"{file}:{line}: {vector} → {first.VectorString} → {second.VectorString}");
            }
        });

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    /// <summary>Calls <paramref name="check"/> for each line (1-based number, vector, expected scores; null for "None").</summary>
    private static int ReadCases(string file, Action<int, string, double?[]> check)
    {
        var path = SharedCorpus.Path("cvss", "redhat-cvss-tests", file);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var separator = line.LastIndexOf(" - ", StringComparison.Ordinal);
            Assert.True(separator > 0, $"{file}:{lineNumber}: no ' - ' separator in '{line}'");
            var vector = line[..separator];
            var scores = line[(separator + 3)..].Trim().TrimStart('(').TrimEnd(')')
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s == "None" ? (double?)null : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture))
                .ToArray();
            Assert.True(scores.Length > 0, $"{file}:{lineNumber}: no expected score in '{line}'");
            check(lineNumber, vector, scores);
        }

        return lineNumber;
    }

    private static void Compare(List<string> mismatches, string file, int line, string what, double? expected, double actual)
    {
        if (expected is null || expected.Value != actual)
        {
            mismatches.Add($"{file}:{line}: {what} expected {Show(expected)}, got {actual.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>
    /// The v2 reference writes None for the temporal score when the vector has no temporal metric; the score is
    /// then the base score (all weights 1).
    /// </summary>
    private static void CompareOptional(
        List<string> mismatches, string file, int line, string what, double? expected, double actual, bool hasMetrics, double baseScore)
    {
        if (expected is null)
        {
            if (hasMetrics || actual != baseScore)
            {
                mismatches.Add($"{file}:{line}: reference has no {what} score; got metrics={hasMetrics}, score {actual.ToString(CultureInfo.InvariantCulture)}");
            }
        }
        else
        {
            Compare(mismatches, file, line, what, expected, actual);
        }
    }

    private static string Show(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "None";
}
