using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Seam.Inventory.Exchange;
using static Seam.Core.Tests.Inventory.Exchange.ExchangeFixtures;

namespace Seam.Core.Tests.Inventory.Exchange;

public partial class DocumentationTests
{
    [Fact]
    public void The_examples_in_the_format_documentation_read_without_errors()
    {
        var doc = File.ReadAllText(DocPath());
        var files = CodeBlock().Matches(doc)
            .Select((m, i) => Text($"example-{i}.{m.Groups["lang"].Value}", m.Groups["body"].Value))
            .ToList();

        var results = files.Select(f => InventoryReader.Read([f], SmallPlant())).ToList();

        Assert.Equal(3, files.Count);
        Assert.All(results, r => Assert.True(r.Errors.Count == 0, Messages(r)));
        Assert.Equal([2, 0, 1], results.Select(r => r.Incoming.Zones.Count));
        Assert.Equal([0, 2, 1], results.Select(r => r.Incoming.Assets.Count));
    }

    private static string DocPath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "..", "docs", "inventory-formats.md"));

    [GeneratedRegex("```(?<lang>csv|json)\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
