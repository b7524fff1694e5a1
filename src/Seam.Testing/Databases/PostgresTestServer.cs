using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Seam.Testing.Databases;

/// <summary>
/// The PostgreSQL server that persistence tests run against: the one named by <c>SEAM_TEST_POSTGRES</c> (a connection
/// string whose user may create databases), or else a throwaway cluster this test process starts from the locally
/// installed server binaries and removes when it exits. Started once per process, on first use; thread-safe.
/// </summary>
public sealed class PostgresTestServer
{
    public const string EnvironmentVariable = "SEAM_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresTestServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresTestServer(string adminConnectionString, string description)
    {
        AdminConnectionString = adminConnectionString;
        Description = description;
    }

    /// <summary>A connection string to the server's maintenance database, for creating and dropping test databases.</summary>
    public string AdminConnectionString { get; }

    public string Description { get; }

    /// <summary>The shared server; the first caller starts it. A failure to start is cached, so every test reports it.</summary>
    public static Task<PostgresTestServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "seam_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        // Pooled idle connections would otherwise hold the database open (and count against max_connections).
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PostgresTestServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var builder = new NpgsqlConnectionStringBuilder(configured);
            return new PostgresTestServer(configured, $"PostgreSQL from {EnvironmentVariable} ({builder.Host}:{builder.Port})");
        }

        var cluster = await ThrowawayCluster.StartAsync();
        return new PostgresTestServer(cluster.AdminConnectionString, cluster.Description);
    }
}

/// <summary>
/// A PostgreSQL cluster in a temporary folder: trust authentication for loopback connections only, fsync off
/// (its data is thrown away anyway), stopped and deleted when the process exits. Clusters left behind by test
/// processes that were killed are removed by the next run.
/// </summary>
internal sealed class ThrowawayCluster
{
    private const string FolderPrefix = "seam-pg-";
    private const string OwnerFile = "owner.pid";

    private readonly string _root;
    private readonly string _bin;

    private ThrowawayCluster(string root, string bin, int port)
    {
        _root = root;
        _bin = bin;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
        Description = $"throwaway PostgreSQL cluster in {root} on 127.0.0.1:{port}";
    }

    public string AdminConnectionString { get; }

    public string Description { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    public static async Task<ThrowawayCluster> StartAsync()
    {
        var bin = FindServerBinaries();
        RemoveAbandonedClusters(bin);

        var root = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (RunsAsRoot)
        {
            // PostgreSQL refuses to run as root; the cluster belongs to the OS user the server package created.
            var (exitCode, output) = await RunAsync("chown", ["-R", "postgres:postgres", root], root);
            if (exitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Running as root, the test cluster must belong to the OS user 'postgres' (the postgresql package creates it), but chown failed: {output}");
            }
        }

        var port = FreeLoopbackPort();
        var cluster = new ThrowawayCluster(root, bin, port);
        try
        {
            await cluster.InitialiseAndStartAsync(port);
        }
        catch
        {
            StopAndDelete(root, bin);
            throw;
        }

        StartWatchdog(root, bin);
        return cluster;
    }

    private async Task InitialiseAndStartAsync(int port)
    {
        await RunServerToolAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);

        // initdb's pg_hba.conf lists only the Unix socket and loopback addresses, so "trust" admits nobody from outside.
        var settings = string.Join('\n',
            "listen_addresses = '127.0.0.1'",
            $"port = {port.ToString(CultureInfo.InvariantCulture)}",
            $"unix_socket_directories = '{_root}'",
            "max_connections = 200",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "");
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), "\n" + settings);

        var log = Path.Combine(_root, "server.log");
        var (exitCode, output) = await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-l", log, "-w", "-t", "60", "start"], throwOnError: false);
        if (exitCode != 0)
        {
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no server log)";
            throw new InvalidOperationException($"pg_ctl start failed with exit code {exitCode}:\n{output}\nServer log:\n{serverLog}");
        }
    }

    /// <summary>
    /// Stops and deletes the cluster once this process has ended, however it ends. A ProcessExit handler is not enough:
    /// the test host is killed shortly after the last test, in the middle of such a handler. The watchdog is a shell
    /// detached with <c>setsid -f</c>, so killing the test host's process tree does not take it along.
    /// </summary>
    private static void StartWatchdog(string root, string bin)
    {
        var (stopFile, stopArguments) = ServerToolCommand(bin, "pg_ctl", ["-D", Path.Combine(root, "data"), "-m", "immediate", "-w", "stop"]);
        var stop = string.Join(' ', new[] { stopFile }.Concat(stopArguments).Select(ShellQuote));
        var script = $"while kill -0 {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} 2>/dev/null; do sleep 1; done; "
            + $"{stop} >/dev/null 2>&1; rm -rf {ShellQuote(root)}";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in new[] { "-f", "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("Could not start the PostgreSQL cluster's watchdog (setsid).");
    }

    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Best effort: used after a failed start and for clusters of test processes that were killed along with their watchdog.</summary>
    private static void StopAndDelete(string root, string bin)
    {
        try
        {
            var data = Path.Combine(root, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                RunAsync(ServerToolCommand(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]), root).GetAwaiter().GetResult();
            }

            // The owner file goes last: a folder that still has one is found and removed by the next run.
            DeleteWithRetries(data);
            DeleteWithRetries(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    private static void DeleteWithRetries(string folder)
    {
        for (var attempt = 1; Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                // Server processes that were just killed may still be closing files.
                Thread.Sleep(100 * attempt);
            }
        }
    }

    private static void RemoveAbandonedClusters(string bin)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var ownerFile = Path.Combine(folder, OwnerFile);
            var abandoned = File.Exists(ownerFile)
                ? int.TryParse(File.ReadAllText(ownerFile), NumberStyles.None, CultureInfo.InvariantCulture, out var owner) && !IsRunning(owner)

                // No owner file: either half deleted, or created a moment ago by a process that is about to write it.
                : Directory.GetCreationTimeUtc(folder) < DateTime.UtcNow.AddMinutes(-5);
            if (abandoned)
            {
                StopAndDelete(folder, bin);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string FindServerBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0)
                .ToList()
            : [];
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")));
        return candidates.Concat(onPath).FirstOrDefault()
            ?? throw new InvalidOperationException(
                "Persistence tests need PostgreSQL, but no server binaries (initdb, pg_ctl) were found under /usr/lib/postgresql/*/bin or on PATH. "
                + "Install them (Debian/Ubuntu: apt-get install postgresql), or set "
                + PostgresTestServer.EnvironmentVariable + " to the connection string of a server on which the tests may create databases.");
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static (string File, IReadOnlyList<string> Arguments) ServerToolCommand(string bin, string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(bin, tool);
        return RunsAsRoot ? ("runuser", ["-u", "postgres", "--", path, .. arguments]) : (path, arguments);
    }

    private async Task<(int ExitCode, string Output)> RunServerToolAsync(string tool, IReadOnlyList<string> arguments, bool throwOnError = true)
    {
        var (file, args) = ServerToolCommand(_bin, tool, arguments);
        var result = await RunAsync(file, args, _root);
        if (throwOnError && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {result.ExitCode}:\n{result.Output}");
        }

        return result;
    }

    private static Task<(int ExitCode, string Output)> RunAsync((string File, IReadOnlyList<string> Arguments) command, string workingDirectory) =>
        RunAsync(command.File, command.Arguments, workingDirectory);

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // The postgres user may not be allowed into the caller's working directory.
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
