using System.Text.Json;
using static Seam.Intelligence.Csaf.Validation.CsafMandatoryTests;

namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// The product ids and group ids a document defines, built in one walk of <c>/product_tree</c>; the tests on
/// vulnerabilities resolve their references against it.
/// </summary>
internal sealed class ProductIndex
{
    /// <summary>Product id → pointer of its first definition.</summary>
    public Dictionary<string, string> Products { get; } = new(StringComparer.Ordinal);

    /// <summary>Group id → member product ids of its first definition.</summary>
    public Dictionary<string, string[]> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>The product ids a list of group ids stands for; unknown groups contribute nothing (6.1.4 reports them).</summary>
    public IEnumerable<string> Expand(JsonElement owner)
    {
        foreach (var (_, groupId) in owner.Strings("group_ids"))
        {
            if (Groups.TryGetValue(groupId, out var members))
            {
                foreach (var member in members)
                {
                    yield return member;
                }
            }
        }
    }

    /// <summary>The product ids an item names directly (<c>product_ids</c>) or through <c>group_ids</c>.</summary>
    public IEnumerable<string> ProductsOf(JsonElement owner)
    {
        foreach (var (_, productId) in owner.Strings("product_ids"))
        {
            yield return productId;
        }

        foreach (var productId in Expand(owner))
        {
            yield return productId;
        }
    }
}

/// <summary>
/// Tests on <c>/product_tree</c>: definitions (6.1.2, 6.1.5), references within the tree (6.1.1), cycles through
/// relationships (6.1.3), and the per-product checks that belong to the definition site (6.1.13, 6.1.25, 6.1.31).
/// </summary>
internal static class ProductTreeChecks
{
    private const string Tree = "/product_tree";

    /// <summary>
    /// Lower-case substrings that betray a range in a <c>product_version</c> name (6.1.31). The operators match
    /// anywhere; the words only as whole whitespace-separated words, as the official test data demands
    /// (<c>after-eight</c> is a valid version name).
    /// </summary>
    private static readonly string[] RangeOperators = ["<", ">"];

    private static readonly HashSet<string> RangeWords =
        new(["after", "all", "before", "earlier", "later", "prior", "versions"], StringComparer.Ordinal);

    public static ProductIndex Check(JsonElement root, List<CsafProblem> problems)
    {
        var index = new ProductIndex();
        if (!root.TryObject("product_tree", out var tree))
        {
            return index;
        }

        foreach (var (i, branch) in tree.Items("branches"))
        {
            WalkBranch(branch, $"{Tree}/branches/{i}", index, problems);
        }

        foreach (var (i, product) in tree.Items("full_product_names"))
        {
            Define(product, $"{Tree}/full_product_names/{i}", index, problems);
        }

        foreach (var (i, relationship) in tree.Items("relationships"))
        {
            if (relationship.TryObject("full_product_name", out var product))
            {
                Define(product, $"{Tree}/relationships/{i}/full_product_name", index, problems);
            }
        }

        foreach (var (i, group) in tree.Items("product_groups"))
        {
            var groupId = group.StringOf("group_id");
            if (groupId is null)
            {
                continue;
            }

            if (!index.Groups.TryAdd(groupId, [.. group.Strings("product_ids").Select(p => p.Value)]))
            {
                problems.Add(MultipleGroupId.At($"{Tree}/product_groups/{i}/group_id",
                    $"Product group id '{groupId}' is defined more than once."));
            }
        }

        CheckReferencesInTree(tree, index, problems);
        CheckCycles(tree, problems);
        return index;
    }

    private static void WalkBranch(JsonElement branch, string path, ProductIndex index, List<CsafProblem> problems)
    {
        if (branch.StringOf("category") == "product_version" && branch.StringOf("name") is { } name)
        {
            CheckVersionName(name, path, problems);
        }

        if (branch.TryObject("product", out var product))
        {
            Define(product, $"{path}/product", index, problems);
        }

        foreach (var (i, child) in branch.Items("branches"))
        {
            WalkBranch(child, $"{path}/branches/{i}", index, problems);
        }
    }

    private static void CheckVersionName(string name, string path, List<CsafProblem> problems)
    {
        var lower = name.ToLowerInvariant();
        var found = RangeOperators.FirstOrDefault(o => lower.Contains(o, StringComparison.Ordinal))
            ?? lower.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(RangeWords.Contains);
        if (found is not null)
        {
            problems.Add(VersionRangeInProductVersion.At($"{path}/name",
                $"The product_version '{name}' contains '{found}', which marks a version range; " +
                "a range belongs in a product_version_range branch."));
        }
    }

    private static void Define(JsonElement product, string path, ProductIndex index, List<CsafProblem> problems)
    {
        if (product.StringOf("product_id") is { } id && !index.Products.TryAdd(id, $"{path}/product_id"))
        {
            problems.Add(MultipleProductId.At($"{path}/product_id",
                $"Product id '{id}' is already defined at {index.Products[id]}."));
        }

        if (!product.TryObject("product_identification_helper", out var helper))
        {
            return;
        }

        if (helper.StringOf("purl") is { } purl && PackageUrl.Check(purl) is { } purlError)
        {
            problems.Add(Purl.At($"{path}/product_identification_helper/purl", $"'{purl}' is not a valid purl: {purlError}."));
        }

        foreach (var (h, hash) in helper.Items("hashes"))
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (f, fileHash) in hash.Items("file_hashes"))
            {
                if (fileHash.StringOf("algorithm") is { } algorithm && !seen.Add(algorithm))
                {
                    problems.Add(MultipleHashAlgorithm.At(
                        $"{path}/product_identification_helper/hashes/{h}/file_hashes/{f}/algorithm",
                        $"Hash algorithm '{algorithm}' is used more than once for the same file."));
                }
            }
        }
    }

    private static void CheckReferencesInTree(JsonElement tree, ProductIndex index, List<CsafProblem> problems)
    {
        foreach (var (g, group) in tree.Items("product_groups"))
        {
            foreach (var (p, productId) in group.Strings("product_ids"))
            {
                RequireProduct(productId, $"{Tree}/product_groups/{g}/product_ids/{p}", index, problems);
            }
        }

        foreach (var (r, relationship) in tree.Items("relationships"))
        {
            foreach (var property in (ReadOnlySpan<string>)["product_reference", "relates_to_product_reference"])
            {
                if (relationship.StringOf(property) is { } productId)
                {
                    RequireProduct(productId, $"{Tree}/relationships/{r}/{property}", index, problems);
                }
            }
        }
    }

    public static void RequireProduct(string productId, string path, ProductIndex index, List<CsafProblem> problems)
    {
        if (!index.Products.ContainsKey(productId))
        {
            problems.Add(MissingProductId.At(path, $"Product id '{productId}' is not defined in the product tree."));
        }
    }

    /// <summary>
    /// 6.1.3. A relationship defines product C from A and B, so C depends on A and B; a cycle means C is defined
    /// through itself. Only relationship-defined ids have outgoing edges. Strongly connected components (Tarjan,
    /// iterative so that deep chains cannot overflow the stack) find every relationship on a cycle in linear time.
    /// </summary>
    private static void CheckCycles(JsonElement tree, List<CsafProblem> problems)
    {
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var definitions = new List<(int Index, string Id)>();
        foreach (var (r, relationship) in tree.Items("relationships"))
        {
            if (!relationship.TryObject("full_product_name", out var product) || product.StringOf("product_id") is not { } id)
            {
                continue;
            }

            definitions.Add((r, id));
            if (!edges.TryGetValue(id, out var targets))
            {
                edges[id] = targets = [];
            }

            foreach (var property in (ReadOnlySpan<string>)["product_reference", "relates_to_product_reference"])
            {
                if (relationship.StringOf(property) is { } target)
                {
                    targets.Add(target);
                }
            }
        }

        if (definitions.Count == 0)
        {
            return;
        }

        var onCycle = NodesOnCycles(edges);
        foreach (var (r, id) in definitions)
        {
            if (onCycle.Contains(id))
            {
                problems.Add(CircularProductId.At($"{Tree}/relationships/{r}/full_product_name/product_id",
                    $"Product id '{id}' is defined through a chain of relationships that leads back to itself."));
            }
        }
    }

    private static HashSet<string> NodesOnCycles(Dictionary<string, List<string>> edges)
    {
        var order = new Dictionary<string, (int Index, int Low)>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new HashSet<string>(StringComparer.Ordinal);
        var counter = 0;

        foreach (var start in edges.Keys)
        {
            if (order.ContainsKey(start))
            {
                continue;
            }

            var work = new Stack<(string Node, int NextEdge)>();
            work.Push((start, 0));
            order[start] = (counter, counter);
            counter++;
            stack.Push(start);
            onStack.Add(start);

            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var targets = edges.GetValueOrDefault(node);
                if (targets is not null && next < targets.Count)
                {
                    work.Push((node, next + 1));
                    var target = targets[next];
                    if (!order.TryGetValue(target, out var targetOrder))
                    {
                        order[target] = (counter, counter);
                        counter++;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        var current = order[node];
                        order[node] = (current.Index, Math.Min(current.Low, targetOrder.Index));
                    }

                    continue;
                }

                var (index, low) = order[node];
                if (low == index)
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);

                    var selfLoop = component.Count == 1 && targets is not null && targets.Contains(node);
                    if (component.Count > 1 || selfLoop)
                    {
                        result.UnionWith(component);
                    }
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    var parentOrder = order[parent];
                    order[parent] = (parentOrder.Index, Math.Min(parentOrder.Low, order[node].Low));
                }
            }
        }

        return result;
    }
}
