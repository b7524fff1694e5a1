using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Seam.Storage.Bulk;

/// <summary>
/// One entity's table as EF Core maps it: columns, and how a record becomes a row of provider values.
/// Built from the model itself and using EF's own value converters and type mappings, so a bulk-written row holds
/// exactly what <c>SaveChanges</c> would have written and a mapping change cannot leave the bulk path behind.
/// </summary>
internal sealed class TableShape
{
    private TableShape(string name, IReadOnlyList<Column> columns, int keyIndex)
    {
        Name = name;
        Columns = columns;
        KeyIndex = keyIndex;
    }

    public string Name { get; }

    public IReadOnlyList<Column> Columns { get; }

    /// <summary>Position of the single string primary key column in <see cref="Columns"/> and in every row.</summary>
    public int KeyIndex { get; }

    public Column Key => Columns[KeyIndex];

    public static TableShape For(IModel model, Type entityClrType)
    {
        var entity = model.FindEntityType(entityClrType) ?? throw new InvalidOperationException($"{entityClrType.Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        // Columns the database computes (search text) are neither written nor compared.
        var columns = entity.GetProperties()
            .Where(p => p.GetComputedColumnSql(table) is null)
            .Select(p => new Column(p.GetColumnName(table)!, p.GetGetter(), p.GetRelationalTypeMapping(), p == key))
            .ToList();
        return new TableShape(table.Name, columns, columns.FindIndex(c => c.IsKey));
    }

    /// <summary>The record's column values as the provider stores them (enums as text, lists joined, times converted).</summary>
    public object?[] ToRow(object record)
    {
        var row = new object?[Columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = Columns[i].ToProvider(record);
        }

        return row;
    }

    public static bool SameValues(object?[] a, object?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public sealed record Column(string Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool IsKey)
    {
        /// <summary>The CLR type of the value the provider receives, after EF's value converter.</summary>
        public Type ProviderType { get; } = Nullable.GetUnderlyingType(Mapping.Converter?.ProviderClrType ?? Mapping.ClrType)
            ?? Mapping.Converter?.ProviderClrType ?? Mapping.ClrType;

        public object? ToProvider(object record)
        {
            var value = Getter.GetClrValueUsingContainingEntity(record);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }
}
