using System.Text.Json;
using Seam.Intelligence.Versions;
using Seam.Testing.Corpus;
using Xunit.Abstractions;

namespace Seam.Core.Tests.Intelligence.Versions;

/// <summary>
/// Runs every test of the vers specification's suite (package-url/vers-spec tests/*.json). Tests whose scheme or
/// test type Seam does not support are counted and listed as not supported; every supported one must pass.
/// </summary>
public class VersSpecCorpusTests(ITestOutputHelper output)
{
    private sealed record Outcome(string File, string Scheme, string Type, bool? Passed, string Detail);

    [Fact]
    public void Every_supported_vers_spec_test_passes_and_the_rest_are_reported()
    {
        var folder = SharedCorpus.Path("vers", "vers-spec", "tests");
        var outcomes = new List<Outcome>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var name = Path.GetFileName(file);
            var index = 0;
            foreach (var test in doc.RootElement.GetProperty("tests").EnumerateArray())
            {
                outcomes.Add(Run(name, index++, test));
            }
        }

        var failures = outcomes.Where(o => o.Passed == false).ToList();
        foreach (var group in outcomes.GroupBy(o => (o.File, o.Scheme, o.Type)))
        {
            var passed = group.Count(o => o.Passed == true);
            var failed = group.Count(o => o.Passed == false);
            var skipped = group.Count(o => o.Passed is null);
            output.WriteLine(
                $"{group.Key.File,-42} {group.Key.Scheme,-14} {group.Key.Type,-12} passed {passed,4}  failed {failed,3}" +
                (skipped > 0 ? $"  not supported {skipped,4} ({group.First(o => o.Passed is null).Detail})" : ""));
        }

        output.WriteLine($"total {outcomes.Count}: passed {outcomes.Count(o => o.Passed == true)}, " +
                         $"failed {failures.Count}, not supported {outcomes.Count(o => o.Passed is null)}");
        foreach (var failure in failures.Take(40))
        {
            output.WriteLine("FAIL " + failure.Detail);
        }

        Assert.Empty(failures);

        // What Seam claims to cover: these groups must be exercised, not silently skipped.
        var covered = outcomes.Where(o => o.Passed == true).Select(o => (o.Scheme, o.Type)).ToHashSet();
        Assert.Contains(("pypi", "containment"), covered);
        Assert.Contains(("npm", "containment"), covered);
        Assert.Contains(("pypi", "validate"), covered);
        Assert.Contains(("npm", "parse"), covered);
        Assert.Contains(("datetime", "parse"), covered);
        Assert.Contains(("nuget", "comparison"), covered);
        Assert.Contains(("alpm", "comparison"), covered);
        Assert.Contains(("datetime", "comparison"), covered);
        Assert.Contains(("lexicographic", "comparison"), covered);
        Assert.True(outcomes.Count(o => o.Passed == true) >= 130, "at least 130 vers-spec tests are run and pass");
    }

    private static Outcome Run(string file, int index, JsonElement test)
    {
        var type = test.GetProperty("test_type").GetString()!;
        var input = test.GetProperty("input");
        test.TryGetProperty("expected_output", out var expected);
        var where = $"{file} tests[{index}]";
        switch (type)
        {
            case "comparison":
            case "equality":
                {
                    var scheme = input.GetProperty("input_scheme").GetString()!;
                    var versions = input.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!).ToList();
                    if (!Vers.SupportedSchemes.Contains(scheme))
                    {
                        return new Outcome(file, scheme, type, null, $"scheme '{scheme}' not supported");
                    }

                    if (type == "equality")
                    {
                        var order = Vers.Compare(scheme, versions[0], versions[1]);
                        var equal = order.Order == VersionOrder.Equal;
                        return new Outcome(file, scheme, type, order.Order != VersionOrder.Incomparable && equal == expected.GetBoolean(),
                            $"{where}: {versions[0]} vs {versions[1]} gave {order.Order} {order.Reason}, expected equal={expected.GetBoolean()}");
                    }

                    var sorted = versions.ToList();
                    string? problem = null;
                    sorted.Sort((a, b) =>
                    {
                        var order = Vers.Compare(scheme, a, b);
                        problem ??= order.Reason;
                        return order.Order switch { VersionOrder.Less => -1, VersionOrder.Greater => 1, _ => 0 };
                    });
                    var want = expected.EnumerateArray().Select(v => v.GetString()!).ToList();

                    // NuGet versions are case-insensitive and the suite writes the expected order in its own case.
                    var sameText = scheme == "nuget" ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
                    return new Outcome(file, scheme, type, problem is null && sorted.SequenceEqual(want, sameText),
                        $"{where}: sorted [{string.Join(", ", sorted)}], expected [{string.Join(", ", want)}] {problem}");
                }

            case "containment":
                {
                    var vers = input.GetProperty("vers").GetString()!;
                    var version = input.GetProperty("version").GetString()!;
                    var verdict = VersionRange.Evaluate(vers, version);
                    var wantInside = expected.GetBoolean();
                    return new Outcome(file, SchemeOf(vers), type,
                        verdict.Outcome == (wantInside ? RangeOutcome.Inside : RangeOutcome.Outside),
                        $"{where}: {version} in {vers} gave {verdict.Outcome} ({verdict.Reason}), expected {wantInside}");
                }

            case "parse":
                {
                    var text = input.GetString()!;
                    var parsed = Vers.Parse(text);
                    if (test.TryGetProperty("expected_failure", out var failure) && failure.GetBoolean())
                    {
                        var message = test.GetProperty("expected_message").GetString();
                        return new Outcome(file, SchemeOf(text), type, parsed.Error == message,
                            $"{where}: '{text}' gave error '{parsed.Error}', expected '{message}'");
                    }

                    var wantConstraints = expected.GetProperty("version_constraints").EnumerateArray()
                        .Select(c => $"{c[0].GetString()}{c[1].GetString()}").ToList();
                    var got = parsed.Constraints.Select(c => VersionConstraint.Symbol(c.Comparator) + c.Version).ToList();
                    return new Outcome(file, SchemeOf(text), type,
                        parsed.Success && parsed.Scheme == expected.GetProperty("scheme").GetString() && got.SequenceEqual(wantConstraints),
                        $"{where}: '{text}' gave {parsed.Error ?? string.Join("|", got)}, expected {string.Join("|", wantConstraints)}");
                }

            case "validate":
                {
                    var text = input.GetString()!;
                    var parsed = Vers.Parse(text, requireCanonical: false);
                    var want = expected.GetString();
                    return new Outcome(file, SchemeOf(text), type, parsed.Success && parsed.Format() == want,
                        $"{where}: '{text}' gave '{(parsed.Success ? parsed.Format() : parsed.Error)}', expected '{want}'");
                }

            default:
                return new Outcome(file, input.TryGetProperty("scheme", out var s) ? s.GetString()! : "?", type, null,
                    $"test type '{type}' (native range syntax to vers) not supported");
        }
    }

    private static string SchemeOf(string vers) =>
        vers.StartsWith("vers:", StringComparison.Ordinal) && vers.IndexOf('/', StringComparison.Ordinal) is var slash and > 5
            ? vers[5..slash]
            : "?";
}
