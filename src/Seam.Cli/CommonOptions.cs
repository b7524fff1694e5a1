using System.CommandLine;
using Seam.Storage;

namespace Seam.Cli;

internal static class CommonOptions
{
    public static readonly Option<string?> Database = new("--db")
    {
        Description = $"SQLite file or PostgreSQL connection string (default: ${DatabaseOptions.EnvironmentVariable}, else {DatabaseOptions.DefaultSqlitePath})",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write machine-readable JSON to standard output",
    };

    public static DatabaseOptions ResolveDatabase(ParseResult parse) => DatabaseOptions.Resolve(parse.GetValue(Database));
}

/// <summary>Exit codes every command shares, so scripts can tell failures apart.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int InvalidInput = 3;
    public const int NotFound = 4;
}
