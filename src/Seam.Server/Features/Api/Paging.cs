using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Seam.Server.Features.Api;

/// <summary>One page of a list, with the number of records matching the filter (not just those on the page).</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public Paged<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Page, PageSize, Total);
}

/// <summary>The paging and sorting parameters every list endpoint accepts.</summary>
public class ListQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>1-based page number; default 1.</summary>
    [FromQuery(Name = "page")]
    public int? Page { get; set; }

    /// <summary>Records per page, 1–500; default 50.</summary>
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; set; }

    /// <summary>A field to sort by, prefixed with '-' for descending order, e.g. <c>name</c> or <c>-criticality</c>.</summary>
    [FromQuery(Name = "sort")]
    public string? Sort { get; set; }

    internal int PageNumber => Page ?? 1;

    internal int Size => PageSize ?? DefaultPageSize;

    internal void CheckPaging(FieldErrors errors)
    {
        if (PageNumber < 1)
        {
            errors.Add("page", "page starts at 1.");
        }

        if (Size is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }
        else if (PageNumber >= 1 && (long)(PageNumber - 1) * Size > int.MaxValue)
        {
            errors.Add("page", "page is too large.");
        }
    }

    /// <summary>
    /// Fetches one page of the sorted query, projected by <paramref name="select"/>, and the number of records matching
    /// the filter. A first page that is not full already is the whole result, so the count query is skipped then.
    /// </summary>
    internal async Task<Paged<TOut>> ToPageAsync<T, TOut>(IQueryable<T> filtered, IOrderedQueryable<T> sorted, Expression<Func<T, TOut>> select, CancellationToken ct)
    {
        var skip = (PageNumber - 1) * Size;
        var items = await sorted.Skip(skip).Take(Size).Select(select).ToListAsync(ct);
        var total = skip == 0 && items.Count < Size ? items.Count : await filtered.CountAsync(ct);
        return new Paged<TOut>(items, PageNumber, Size, total);
    }
}

/// <summary>The whitelist of fields a list may be sorted by. Every order ends with the id so that pages are stable.</summary>
public sealed class SortFields<T>
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly Expression<Func<T, string>> id;
    private readonly string defaultSort;

    public SortFields(Expression<Func<T, string>> id, string defaultSort)
    {
        this.id = id;
        this.defaultSort = defaultSort;
        Add("id", id);
    }

    public SortFields<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        fields[name] = (q, descending) => descending ? q.OrderByDescending(key) : q.OrderBy(key);
        return this;
    }

    /// <summary>The sorted query, or null (with an error added) when the field is not on the whitelist.</summary>
    public IOrderedQueryable<T>? Apply(IQueryable<T> query, string? sort, FieldErrors errors)
    {
        var text = string.IsNullOrWhiteSpace(sort) ? defaultSort : sort.Trim();
        var descending = text.StartsWith('-');
        var name = descending ? text[1..] : text;
        if (!fields.TryGetValue(name, out var order))
        {
            errors.Add("sort", $"'{text}' is not a sort field here: use one of {string.Join(", ", fields.Keys)} (prefix '-' for descending order).");
            return null;
        }

        var ordered = order(query, descending);
        return name.Equals("id", StringComparison.OrdinalIgnoreCase) ? ordered : ordered.ThenBy(id);
    }
}
