namespace Seam.Bench.Harness;

/// <summary>Finds the repository the harness was built from, for the CLI's build output and the default results folder.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Seam.slnx")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new BenchmarkFailure("Cannot find the repository (a folder with Seam.slnx) above the working directory or the harness's own folder.");
    }
}

/// <summary>The harness could not measure what it was asked to: a setup step failed or a result was wrong. Ends the run with exit code 1.</summary>
public sealed class BenchmarkFailure(string message) : Exception(message);
