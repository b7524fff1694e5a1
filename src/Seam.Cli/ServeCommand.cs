using System.CommandLine;
using Seam.Server;
using Seam.Storage;

namespace Seam.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => ServerOptions.DefaultUrl };
        var demo = new Option<bool>("--demo")
        {
            Description = $"Serve the demo company: loads it into an empty database (default {DemoCommand.DemoDatabasePath}) and creates an admin account with a printed password",
        };
        var command = new Command("serve", "Start the Seam server (API and web UI)") { urls, demo, DemoCommand.Seed };
        command.SetAction(async (parse, ct) =>
        {
            var isDemo = parse.GetValue(demo);
            var explicitDb = parse.GetValue(CommonOptions.Database) ?? Environment.GetEnvironmentVariable(DatabaseOptions.EnvironmentVariable);
            var database = isDemo && string.IsNullOrWhiteSpace(explicitDb)
                ? DatabaseOptions.Sqlite(DemoCommand.DemoDatabasePath)
                : CommonOptions.ResolveDatabase(parse);
            await SeamDbContextFactory.PrepareAsync(database, ct);
            var signIn = isDemo ? await DemoCommand.PrepareServeAsync(database, parse.GetValue(DemoCommand.Seed), ct) : null;

            var url = parse.GetValue(urls)!;
            var app = SeamServer.Build(new ServerOptions
            {
                Database = database,
                Urls = url,
                ApplicationName = typeof(ServeCommand).Assembly.GetName().Name,
            });
            await app.StartAsync(ct);
            Console.WriteLine($"Seam is serving {database.Description} at {string.Join(", ", app.Urls)}");
            if (signIn is not null)
            {
                Console.WriteLine(signIn);
            }

            Console.WriteLine("Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
