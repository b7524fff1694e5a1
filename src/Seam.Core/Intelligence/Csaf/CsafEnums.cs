using System.Collections.Frozen;
using System.Text;

namespace Seam.Intelligence.Csaf;

// The closed value sets of the CSAF 2.0 schema. Member names are the schema's snake_case values in PascalCase;
// CsafEnum<T> maps between the two so that the tables exist once, here.

public enum CsafPublisherCategory
{
    Coordinator,
    Discoverer,
    Other,
    Translator,
    User,
    Vendor,
}

public enum CsafTrackingStatus
{
    Draft,
    Final,
    Interim,
}

public enum CsafNoteCategory
{
    Description,
    Details,
    Faq,
    General,
    LegalDisclaimer,
    Other,
    Summary,
}

public enum CsafReferenceCategory
{
    External,
    Self,
}

/// <summary>TLP 1.0 labels as CSAF 2.0 spells them (upper case).</summary>
public enum TlpLabel
{
    Amber,
    Green,
    Red,
    White,
}

public enum CsafBranchCategory
{
    Architecture,
    HostName,
    Language,
    Legacy,
    PatchLevel,
    ProductFamily,
    ProductName,
    ProductVersion,
    ProductVersionRange,
    ServicePack,
    Specification,
    Vendor,
}

public enum CsafRelationshipCategory
{
    DefaultComponentOf,
    ExternalComponentOf,
    InstalledOn,
    InstalledWith,
    OptionalComponentOf,
}

public enum CsafThreatCategory
{
    ExploitStatus,
    Impact,
    TargetSet,
}

public enum CsafFlagLabel
{
    ComponentNotPresent,
    InlineMitigationsAlreadyExist,
    VulnerableCodeCannotBeControlledByAdversary,
    VulnerableCodeNotInExecutePath,
    VulnerableCodeNotPresent,
}

public enum CsafInvolvementParty
{
    Coordinator,
    Discoverer,
    Other,
    User,
    Vendor,
}

public enum CsafInvolvementStatus
{
    Completed,
    ContactAttempted,
    Disputed,
    InProgress,
    NotContacted,
    Open,
}

public enum CsafRemediationCategory
{
    Mitigation,
    NoFixPlanned,
    NoneAvailable,
    VendorFix,
    Workaround,
}

public enum CsafRestartCategory
{
    Connected,
    Dependencies,
    Machine,
    None,
    Parent,
    Service,
    System,
    VulnerableComponent,
    Zone,
}

/// <summary>Maps a CSAF enum to and from the exact strings the schema allows (case-sensitive, as the schema is).</summary>
public static class CsafEnum<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> ByJson;
    private static readonly FrozenDictionary<T, string> ToJsonName;

    /// <summary>The allowed values in schema order, for "expected one of …" messages.</summary>
    public static string Expected { get; }

    static CsafEnum()
    {
        var byJson = new Dictionary<string, T>(StringComparer.Ordinal);
        var toJson = new Dictionary<T, string>();
        foreach (var value in Enum.GetValues<T>())
        {
            var name = typeof(T) == typeof(TlpLabel) ? value.ToString().ToUpperInvariant() : SnakeCase(value.ToString());
            byJson.Add(name, value);
            toJson.Add(value, name);
        }

        ByJson = byJson.ToFrozenDictionary(StringComparer.Ordinal);
        ToJsonName = toJson.ToFrozenDictionary();
        Expected = string.Join(", ", toJson.Values);
    }

    public static bool TryParse(string json, out T value) => ByJson.TryGetValue(json, out value);

    public static string ToJson(T value) => ToJsonName[value];

    private static string SnakeCase(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
