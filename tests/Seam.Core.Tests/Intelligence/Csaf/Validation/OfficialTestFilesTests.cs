using System.Text.Json;
using Seam.Intelligence.Csaf.Validation;
using Seam.Testing.Corpus;

namespace Seam.Core.Tests.Intelligence.Csaf.Validation;

/// <summary>
/// The OASIS CSAF TC's own acceptance files (csaf_2.0/test/validator/data, indexed by testcases.json): every file
/// listed as a failure of a mandatory test must fail that test, every file listed as valid must fail none.
/// </summary>
public sealed class OfficialTestFilesTests
{
    /// <summary>6.1.11-01 gives CWE-79 with another CWE's name; it is judged with the names Seam carries (CweNames).</summary>
    private static readonly HashSet<string> NeedsCweCatalogue = ["mandatory/oasis_csaf_tc-csaf_2_0-2021-6-1-11-01.json"];

    private static string DataFolder => SharedCorpus.Path("csaf", "oasis-tcs-csaf", "csaf_2.0", "test", "validator", "data");

    public static TheoryData<string, string> Failures() => Cases(valid: false);

    public static TheoryData<string, string> ValidFiles() => Cases(valid: true);

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failing_file_fails_its_test(string testId, string file)
    {
        var (root, problems) = Validate(file);

        var own = problems.Where(p => p.TestId == testId).ToList();
        Assert.True(own.Count > 0,
            $"{file} must fail {testId}; problems reported: {Describe(problems)}");
        foreach (var problem in own)
        {
            Assert.True(Resolves(root, problem.JsonPath) || Resolves(root, Parent(problem.JsonPath)),
                $"{file}: {problem.TestId} reports {problem.JsonPath}, which neither exists nor has an existing parent.");
        }
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void A_valid_file_fails_no_mandatory_test(string testId, string file)
    {
        var (_, problems) = Validate(file);

        Assert.True(problems.Count == 0, $"{file} (valid example for {testId}) must pass; got {Describe(problems)}");
    }

    [Fact]
    public void Every_mandatory_test_of_the_index_is_one_the_validator_knows()
    {
        var known = CsafMandatoryTests.All.Select(t => t.Id).ToHashSet();
        var listed = Index().Select(t => t.Id).Distinct().ToList();

        Assert.Equal(43, listed.Count);
        Assert.All(listed, id => Assert.Contains(id, known));
    }

    [Fact]
    public void A_cwe_id_with_another_cwes_name_fails() =>
        A_failing_file_fails_its_test("6.1.11", NeedsCweCatalogue.Single());

    private static TheoryData<string, string> Cases(bool valid)
    {
        var data = new TheoryData<string, string>();
        foreach (var (id, failures, valids) in Index())
        {
            foreach (var file in valid ? valids : failures)
            {
                if (valid || !NeedsCweCatalogue.Contains(file))
                {
                    data.Add(id, file);
                }
            }
        }

        return data;
    }

    private static IEnumerable<(string Id, List<string> Failures, List<string> Valid)> Index()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataFolder, "testcases.json")));
        var result = new List<(string, List<string>, List<string>)>();
        foreach (var test in index.RootElement.GetProperty("tests").EnumerateArray())
        {
            if (test.GetProperty("group").GetString() != "mandatory")
            {
                continue;
            }

            result.Add((test.GetProperty("id").GetString()!, Names(test, "failures"), Names(test, "valid")));
        }

        return result;

        static List<string> Names(JsonElement test, string property) =>
            test.TryGetProperty(property, out var list)
                ? [.. list.EnumerateArray().Select(f => f.GetProperty("name").GetString()!)]
                : [];
    }

    private static (JsonElement Root, IReadOnlyList<CsafProblem> Problems) Validate(string file)
    {
        var root = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(DataFolder, file))).RootElement;
        return (root, CsafValidator.Validate(root));
    }

    private static string Describe(IReadOnlyList<CsafProblem> problems) =>
        problems.Count == 0 ? "none" : string.Join("; ", problems.Select(p => $"{p.TestId} at {p.JsonPath}: {p.Message}"));

    private static string Parent(string pointer) => pointer[..Math.Max(0, pointer.LastIndexOf('/'))];

    internal static bool Resolves(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var token in pointer.Split('/').Skip(1))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(name, out var i) && i >= 0 && i < current.GetArrayLength())
            {
                current = current[i];
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
