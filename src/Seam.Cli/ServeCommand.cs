using System.CommandLine;
using Seam.Server;
using Seam.Storage;

namespace Seam.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => ServerOptions.DefaultUrl };
        var command = new Command("serve", "Start the Seam server (API and web UI)");
        command.Options.Add(urls);
        command.SetAction(async (parse, ct) =>
        {
            var database = CommonOptions.ResolveDatabase(parse);
            await SeamDbContextFactory.PrepareAsync(database, ct);
            var app = SeamServer.Build(new ServerOptions
            {
                Database = database,
                Urls = parse.GetValue(urls)!,
                ApplicationName = typeof(ServeCommand).Assembly.GetName().Name,
            });
            Console.WriteLine($"Seam is serving {database.Description} at {parse.GetValue(urls)}");
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
