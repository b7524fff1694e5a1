namespace Seam.Intelligence.Csaf;

/// <summary>
/// Flattens a CSAF product tree into <see cref="AdvisoryProduct"/>s and resolves product groups and status lists,
/// so that matching works on plain per-product facts. Unresolvable references (a group or component id the tree
/// does not define) are skipped here; reporting them is the mandatory tests' job (6.1.1, 6.1.4).
/// </summary>
public static class CsafProducts
{
    /// <summary>
    /// Every defined product by id. Branch leaves carry vendor, family, product, version and range from the branches
    /// above them (the nearest branch of a category wins; nested product families are joined, outermost first);
    /// <c>architecture</c>, <c>host_name</c>, <c>language</c>, <c>legacy</c>, <c>patch_level</c>,
    /// <c>service_pack</c> and <c>specification</c> stay in the full name only.
    /// When an id is defined twice (a mandatory-test failure) the first definition in document order is kept.
    /// </summary>
    public static IReadOnlyDictionary<string, AdvisoryProduct> Describe(CsafDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var products = new Dictionary<string, AdvisoryProduct>(StringComparer.Ordinal);
        if (document.ProductTree is not { } tree)
        {
            return products;
        }

        var path = new BranchPath();
        for (var i = 0; i < tree.Branches.Count; i++)
        {
            Walk(tree.Branches[i], $"/product_tree/branches/{i}", path, products);
        }

        for (var i = 0; i < tree.FullProductNames.Count; i++)
        {
            var product = tree.FullProductNames[i];
            products.TryAdd(product.ProductId, Flatten(product, $"/product_tree/full_product_names/{i}", default));
        }

        // A relationship may name another relationship's product as its component, in any order: resolve those
        // after the plain products, looping while progress is made (a cycle, test 6.1.3, simply stays unresolved).
        var pending = new List<int>(tree.Relationships.Count);
        for (var i = 0; i < tree.Relationships.Count; i++)
        {
            pending.Add(i);
        }

        var progress = true;
        while (pending.Count > 0 && progress)
        {
            progress = false;
            for (var p = pending.Count - 1; p >= 0; p--)
            {
                var relationship = tree.Relationships[pending[p]];
                if (products.ContainsKey(relationship.ProductReference) || !IsRelationshipProduct(tree, relationship.ProductReference))
                {
                    AddRelationship(tree.Relationships[pending[p]], pending[p], products);
                    pending.RemoveAt(p);
                    progress = true;
                }
            }
        }

        foreach (var index in pending)
        {
            AddRelationship(tree.Relationships[index], index, products);
        }

        return products;
    }

    /// <summary>The product ids of the given groups, each once, in group order; unknown group ids contribute nothing.</summary>
    public static IReadOnlyList<string> ExpandGroups(CsafDocument document, IReadOnlyList<string> groupIds)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(groupIds);
        var ids = new List<string>();
        if (groupIds.Count == 0 || document.ProductTree is not { } tree)
        {
            return ids;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var groupId in groupIds)
        {
            foreach (var group in tree.ProductGroups)
            {
                if (group.GroupId != groupId)
                {
                    continue;
                }

                foreach (var productId in group.ProductIds)
                {
                    if (seen.Add(productId))
                    {
                        ids.Add(productId);
                    }
                }
            }
        }

        return ids;
    }

    /// <summary>The products a remediation, threat or flag applies to: its product ids plus its groups' members, each once.</summary>
    public static IReadOnlyList<string> Resolve(CsafDocument document, IReadOnlyList<string> productIds, IReadOnlyList<string> groupIds)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        if (groupIds.Count == 0)
        {
            return productIds;
        }

        var ids = new List<string>(productIds);
        var seen = new HashSet<string>(productIds, StringComparer.Ordinal);
        foreach (var id in ExpandGroups(document, groupIds))
        {
            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>
    /// Per product id, the status lists of the vulnerability that name it, in <see cref="ProductStatusKind"/> order.
    /// A product in none of them has unknown status and is absent. More than one kind from different contradiction
    /// groups (affected and fixed, say) is a mandatory-test failure (6.1.6) and is returned as written.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ProductStatusKind>> ProductStatusOf(CsafVulnerability vulnerability)
    {
        ArgumentNullException.ThrowIfNull(vulnerability);
        var statuses = new Dictionary<string, List<ProductStatusKind>>(StringComparer.Ordinal);
        foreach (var kind in AllKinds)
        {
            foreach (var productId in vulnerability.ProductStatus[kind])
            {
                if (!statuses.TryGetValue(productId, out var kinds))
                {
                    kinds = new List<ProductStatusKind>(1);
                    statuses.Add(productId, kinds);
                }

                if (!kinds.Contains(kind))
                {
                    kinds.Add(kind);
                }
            }
        }

        var result = new Dictionary<string, IReadOnlyList<ProductStatusKind>>(statuses.Count, StringComparer.Ordinal);
        foreach (var (productId, kinds) in statuses)
        {
            result.Add(productId, kinds);
        }

        return result;
    }

    private static readonly ProductStatusKind[] AllKinds = Enum.GetValues<ProductStatusKind>();

    private static bool IsRelationshipProduct(CsafProductTree tree, string productId)
    {
        foreach (var relationship in tree.Relationships)
        {
            if (relationship.FullProductName.ProductId == productId)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddRelationship(CsafRelationship relationship, int index, Dictionary<string, AdvisoryProduct> products)
    {
        var own = relationship.FullProductName;
        var definedAt = $"/product_tree/relationships/{index}/full_product_name";
        products.TryGetValue(relationship.ProductReference, out var component);
        var flattened = Flatten(own, definedAt, default);
        var hasOwnHelper = own.Helper is not null;
        products.TryAdd(own.ProductId, flattened with
        {
            // The combination is the component installed somewhere, so it matches on the component's identity;
            // identifiers the relationship gives itself take precedence over the component's.
            Vendor = component?.Vendor,
            ProductFamily = component?.ProductFamily,
            Product = component?.Product,
            Version = component?.Version,
            VersionRange = component?.VersionRange,
            Cpes = hasOwnHelper ? flattened.Cpes : component?.Cpes ?? [],
            Purls = hasOwnHelper ? flattened.Purls : component?.Purls ?? [],
            ModelNumbers = hasOwnHelper ? flattened.ModelNumbers : component?.ModelNumbers ?? [],
            SerialNumbers = hasOwnHelper ? flattened.SerialNumbers : component?.SerialNumbers ?? [],
            Skus = hasOwnHelper ? flattened.Skus : component?.Skus ?? [],
            RelationshipCategory = CsafEnum<CsafRelationshipCategory>.ToJson(relationship.Category),
            PlatformProductId = relationship.RelatesToProductReference,
        });
    }

    private static void Walk(CsafBranch branch, string at, BranchPath path, Dictionary<string, AdvisoryProduct> products)
    {
        var here = path.With(branch);
        if (branch.Product is { } product)
        {
            products.TryAdd(product.ProductId, Flatten(product, $"{at}/product", here));
        }

        for (var i = 0; i < branch.Branches.Count; i++)
        {
            Walk(branch.Branches[i], $"{at}/branches/{i}", here, products);
        }
    }

    private static AdvisoryProduct Flatten(CsafFullProductName product, string definedAt, BranchPath path)
    {
        var helper = product.Helper;
        return new AdvisoryProduct
        {
            ProductId = product.ProductId,
            Name = product.Name,
            DefinedAt = definedAt,
            Vendor = path.Vendor,
            ProductFamily = path.Family,
            Product = path.Product,
            Version = path.Version,
            VersionRange = path.Range,
            Cpes = helper?.Cpe is { } cpe ? [cpe] : [],
            Purls = helper?.Purl is { } purl ? [purl] : [],
            ModelNumbers = helper?.ModelNumbers ?? [],
            SerialNumbers = helper?.SerialNumbers ?? [],
            Skus = helper?.Skus ?? [],
        };
    }

    /// <summary>What the branches above a node said; a value struct so that siblings do not see each other's values.</summary>
    private readonly record struct BranchPath(string? Vendor, string? Family, string? Product, string? Version, string? Range)
    {
        public BranchPath With(CsafBranch branch) => branch.Category switch
        {
            CsafBranchCategory.Vendor => this with { Vendor = branch.Name },
            CsafBranchCategory.ProductFamily => this with { Family = Join(Family, branch.Name) },
            CsafBranchCategory.ProductName => this with { Product = branch.Name },
            CsafBranchCategory.ProductVersion => this with { Version = branch.Name },
            CsafBranchCategory.ProductVersionRange => this with { Range = branch.Name },
            _ => this,
        };

        // Nested families (SIMATIC → S7) are kept together, outermost first, rather than losing the outer one.
        private static string Join(string? outer, string inner) => outer is null ? inner : $"{outer} {inner}";
    }
}
