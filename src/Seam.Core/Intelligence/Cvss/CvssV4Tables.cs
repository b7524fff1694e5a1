using System.Globalization;

namespace Seam.Intelligence.Cvss;

/// <summary>
/// The data of the CVSS v4.0 scoring method as FIRST publishes it with the specification: the score of each of
/// the 270 MacroVectors, the highest-severity vectors of each equivalence class, and each class's depth.
/// </summary>
internal static class CvssV4Tables
{
    /// <summary>
    /// MacroVector scores. Each row is EQ1 EQ2 EQ3 EQ4 followed by the scores for EQ5 EQ6 = 00 01 10 11 20 21; rows
    /// with EQ3 = 2 list only EQ6 = 1 (01 11 21), because EQ6 = 0 needs a High vulnerable-system impact and so EQ3 &lt; 2.
    /// </summary>
    private const string MacroVectorScores = """
        0000 10 9.9 9.8 9.5 9.5 9.2
        0001 10 9.6 9.3 8.7 9.1 8.1
        0002 9.3 9 8.9 8 8.1 6.8
        0010 9.8 9.5 9.5 9.2 9 8.4
        0011 9.3 9.2 8.9 8.1 8.1 6.5
        0012 8.8 8 7.8 7 6.9 4.8
        0020 9.2 8.2 7.2
        0021 7.9 6.9 5
        0022 6.9 5.5 2.7
        0100 9.9 9.7 9.5 9.2 9.2 8.5
        0101 9.5 9.1 9 8.3 8.4 7.1
        0102 9.2 8.1 8.2 7.1 7.2 5.3
        0110 9.5 9.3 9.2 8.5 8.5 7.3
        0111 9.2 8.2 8 7.2 7 5.9
        0112 8.4 7 7.1 5.2 5 3
        0120 8.6 7.5 5.2
        0121 7.1 5.2 2.9
        0122 6.3 2.9 1.7
        1000 9.8 9.5 9.4 8.7 9.1 8.1
        1001 9.4 8.9 8.6 7.4 7.7 6.4
        1002 8.7 7.5 7.4 6.3 6.3 4.9
        1010 9.4 8.9 8.8 7.7 7.6 6.7
        1011 8.6 7.6 7.4 5.8 5.9 5
        1012 7.2 5.7 5.7 5.2 5.2 2.5
        1020 8.3 7 5.4
        1021 6.5 5.8 2.6
        1022 5.3 2.1 1.3
        1100 9.5 9 8.8 7.6 7.6 7
        1101 9 7.7 7.5 6.2 6.1 5.3
        1102 7.7 6.6 6.8 5.9 5.2 3
        1110 8.9 7.8 7.6 6.7 6.2 5.8
        1111 7.4 5.9 5.7 5.7 4.7 2.3
        1112 6.1 5.2 5.7 2.9 2.4 1.6
        1120 7.1 5.9 3
        1121 5.8 2.6 1.5
        1122 2.3 1.3 0.6
        2000 9.3 8.7 8.6 7.2 7.5 5.8
        2001 8.6 7.4 7.4 6.1 5.6 3.4
        2002 7 5.4 5.2 4 4 2.2
        2010 8.5 7.5 7.4 5.5 6.2 5.1
        2011 7.2 5.7 5.5 4.1 4.6 1.9
        2012 5.3 3.6 3.4 1.9 1.9 0.8
        2020 6.4 5.1 2
        2021 4.7 2.1 1.1
        2022 2.4 0.9 0.4
        2100 8.8 7.5 7.3 5.3 6 5
        2101 7.3 5.5 5.9 4 4.1 2
        2102 5.4 4.3 4.5 2.2 2 1.1
        2110 7.5 5.5 5.8 4.5 4 2.1
        2111 6.1 5.1 4.8 1.8 2 0.9
        2112 4.6 1.8 1.7 0.7 0.8 0.2
        2120 5.3 2.4 1.4
        2121 2.4 1.2 0.5
        2122 1 0.3 0.1
        """;

    private static readonly double[] Scores = BuildScores();

    /// <summary>Number of MacroVectors that have a score (270 in the specification).</summary>
    public static int MacroVectorCount { get; } = Scores.Count(s => !double.IsNaN(s));

    /// <summary>The score of a MacroVector, NaN where it does not exist (as the reference's missing lookup).</summary>
    public static double Lookup(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) =>
        eq1 is < 0 or > 2 || eq2 is < 0 or > 1 || eq3 is < 0 or > 2 || eq4 is < 0 or > 2 || eq5 is < 0 or > 2 || eq6 is < 0 or > 1
            ? double.NaN
            : Scores[Index(eq1, eq2, eq3, eq4, eq5, eq6)];

    /// <summary>Highest-severity AV, PR, UI codes for EQ1 = 0, 1, 2.</summary>
    public static readonly string[][] Eq1Maxes = [["NNN"], ["ANN", "NLN", "NNP"], ["PNN", "ALP"]];

    /// <summary>Highest-severity AC, AT codes for EQ2 = 0, 1.</summary>
    public static readonly string[][] Eq2Maxes = [["LN"], ["HN", "LP"]];

    /// <summary>Highest-severity VC, VI, VA, CR, IR, AR codes, indexed [EQ3][EQ6] (EQ3 = 2 has only EQ6 = 1).</summary>
    public static readonly string[][][] Eq3Eq6Maxes =
    [
        [["HHHHHH"], ["HHLMMH", "HHHMMM"]],
        [["LHHHHH", "HLHHHH"], ["LHLHMH", "LHHHMM", "HLHMHM", "HLLMHH", "LLHHHM"]],
        [[], ["LLLHHH"]],
    ];

    /// <summary>Highest-severity SC, SI, SA codes for EQ4 = 0, 1, 2.</summary>
    public static readonly string[][] Eq4Maxes = [["HSS"], ["HHH"], ["LLL"]];

    /// <summary>Depth of each equivalence class in steps of 0.1 (the reference's maxSeverity data).</summary>
    public static readonly int[] Eq1Depth = [1, 4, 5];

    public static readonly int[] Eq2Depth = [1, 2];

    public static readonly int[][] Eq3Eq6Depth = [[7, 6], [8, 8], [0, 10]];

    public static readonly int[] Eq4Depth = [6, 5, 4];

    private static int Index(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) =>
        (((((((((eq1 * 2) + eq2) * 3) + eq3) * 3) + eq4) * 3) + eq5) * 2) + eq6;

    private static double[] BuildScores()
    {
        var scores = new double[3 * 2 * 3 * 3 * 3 * 2];
        Array.Fill(scores, double.NaN);
        foreach (var line in MacroVectorScores.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ');
            var prefix = fields[0];
            int eq1 = prefix[0] - '0', eq2 = prefix[1] - '0', eq3 = prefix[2] - '0', eq4 = prefix[3] - '0';
            var expected = eq3 == 2 ? 3 : 6;
            if (fields.Length != expected + 1)
            {
                throw new InvalidOperationException($"CVSS v4 lookup row '{line}' has {fields.Length - 1} scores; expected {expected}.");
            }

            for (var k = 0; k < expected; k++)
            {
                var (eq5, eq6) = eq3 == 2 ? (k, 1) : (k / 2, k % 2);
                scores[Index(eq1, eq2, eq3, eq4, eq5, eq6)] = double.Parse(fields[k + 1], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return scores;
    }
}
