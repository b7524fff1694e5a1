using System.Globalization;
using System.Text;

namespace Seam.Intelligence.Csaf;

/// <summary>
/// A location in a JSON document, built as a chain of parents so that walking a large document costs one small
/// object per step and the RFC 6901 text is rendered only when an error or a product definition needs it.
/// </summary>
internal sealed class JsonPointer
{
    public static readonly JsonPointer Root = new(null, null, -1);

    private readonly JsonPointer? parent;
    private readonly string? name;
    private readonly int index;

    private JsonPointer(JsonPointer? parent, string? name, int index)
    {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    public JsonPointer Property(string propertyName) => new(this, propertyName, -1);

    public JsonPointer Item(int itemIndex) => new(this, null, itemIndex);

    public override string ToString()
    {
        if (parent is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(64);
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        if (parent is null)
        {
            return;
        }

        parent.Append(builder);
        builder.Append('/');
        if (name is null)
        {
            builder.Append(index.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            // RFC 6901 §3: '~' is written '~0' and '/' is written '~1'.
            foreach (var c in name)
            {
                _ = c switch
                {
                    '~' => builder.Append("~0"),
                    '/' => builder.Append("~1"),
                    _ => builder.Append(c),
                };
            }
        }
    }
}
