using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Seam.Inventory;

/// <summary>
/// A level of the Purdue reference model. The numeric value is the level times ten so that the
/// industrial DMZ (3.5) fits an integer column and the natural order of levels is kept.
/// </summary>
public enum PurdueLevel
{
    Process = 0,
    BasicControl = 10,
    Supervisory = 20,
    Operations = 30,
    IndustrialDmz = 35,
    Enterprise = 40,
    EnterpriseNetwork = 50,
}

public static class PurdueLevels
{
    public static IReadOnlyList<PurdueLevel> All { get; } =
    [
        PurdueLevel.Process, PurdueLevel.BasicControl, PurdueLevel.Supervisory, PurdueLevel.Operations,
        PurdueLevel.IndustrialDmz, PurdueLevel.Enterprise, PurdueLevel.EnterpriseNetwork,
    ];

    /// <summary>The level as people write it: "0", "1", … "3.5", "4", "5".</summary>
    public static string ToNumber(this PurdueLevel level) => level switch
    {
        PurdueLevel.IndustrialDmz => "3.5",
        _ => ((int)level / 10).ToString(CultureInfo.InvariantCulture),
    };

    public static string DisplayName(this PurdueLevel level) => level switch
    {
        PurdueLevel.Process => "Level 0 · Process",
        PurdueLevel.BasicControl => "Level 1 · Basic control",
        PurdueLevel.Supervisory => "Level 2 · Supervisory control",
        PurdueLevel.Operations => "Level 3 · Site operations",
        PurdueLevel.IndustrialDmz => "Level 3.5 · Industrial DMZ",
        PurdueLevel.Enterprise => "Level 4 · Enterprise",
        PurdueLevel.EnterpriseNetwork => "Level 5 · Enterprise network / internet edge",
        _ => level.ToString(),
    };

    /// <summary>Levels 0–2: where the process is controlled and an intruder can change the physical world.</summary>
    public static bool IsControlLevel(this PurdueLevel level) => level <= PurdueLevel.Supervisory;

    /// <summary>Levels 4–5: business IT and the internet edge.</summary>
    public static bool IsEnterpriseLevel(this PurdueLevel level) => level >= PurdueLevel.Enterprise;

    /// <summary>
    /// Accepts "0".."5", "3.5", "L2", "Level 3", "DMZ", "IDMZ" and the enum names.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PurdueLevel? level)
    {
        level = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        if (t.StartsWith("level", StringComparison.OrdinalIgnoreCase))
        {
            t = t[5..].Trim();
        }
        else if (t.Length > 1 && (t[0] == 'L' || t[0] == 'l') && (char.IsDigit(t[1]) || t[1] == ' '))
        {
            t = t[1..].Trim();
        }

        if (t.Equals("dmz", StringComparison.OrdinalIgnoreCase) || t.Equals("idmz", StringComparison.OrdinalIgnoreCase))
        {
            level = PurdueLevel.IndustrialDmz;
            return true;
        }

        if (decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            var tenths = number * 10;
            if (tenths == decimal.Truncate(tenths) && Enum.IsDefined(typeof(PurdueLevel), (int)tenths))
            {
                level = (PurdueLevel)(int)tenths;
                return true;
            }

            return false;
        }

        if (Enum.TryParse<PurdueLevel>(t, ignoreCase: true, out var named) && Enum.IsDefined(named))
        {
            level = named;
            return true;
        }

        return false;
    }

    public const string Expected = "a Purdue level: 0, 1, 2, 3, 3.5 (industrial DMZ), 4 or 5";
}
