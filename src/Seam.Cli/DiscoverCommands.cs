using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Seam.Discovery;
using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Storage;
using Seam.Storage.Discovery;
using Spectre.Console;

namespace Seam.Cli;

/// <summary><c>seam discover pcap FILE…</c>: passive discovery from packet captures (docs/discovery.md).</summary>
internal static class DiscoverCommands
{
    public static Command Create()
    {
        var command = new Command("discover", "Find devices, flows and risky operations in network traffic without touching the plant");
        command.Subcommands.Add(Pcap());
        return command;
    }

    private static Command Pcap()
    {
        var files = new Argument<string[]>("files") { Description = "pcap or pcapng files, gzip-compressed or not", Arity = ArgumentArity.OneOrMore };
        var oui = new Option<string?>("--oui") { Description = "A newer MAC vendor registry: the IEEE's oui.csv or a Wireshark 'manuf' file" };
        var site = new Option<string?>("--site")
        {
            Description = "Also open a review of the result against this site's inventory (in the database, for the web UI's Discovery page); nothing merges until accepted there",
        };
        var command = new Command("pcap", "Read captures from a mirror port: devices and their identity, who talks to whom, writes, program downloads, remote access")
        {
            files, oui, site, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var paths = parse.GetValue(files) ?? [];
            var missing = paths.FirstOrDefault(p => !File.Exists(p));
            if (missing is not null)
            {
                Console.Error.WriteLine($"{missing}: no such file.");
                return ExitCodes.NotFound;
            }

            OuiTable? table = null;
            if (parse.GetValue(oui) is { } ouiPath)
            {
                try
                {
                    table = OuiTable.Load(ouiPath);
                }
                catch (Exception e) when (e is FormatException or IOException)
                {
                    Console.Error.WriteLine(e.Message);
                    return e is FileNotFoundException ? ExitCodes.NotFound : ExitCodes.InvalidInput;
                }
            }

            var json = parse.GetValue(CommonOptions.Json);
            DiscoveryRun run;
            try
            {
                run = await WithProgressAsync(json, progress => Task.Run(() => PassiveDiscovery.Analyse(paths, table, progress, ct), ct));
            }
            catch (CaptureFormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.InvalidInput;
            }

            StoredDiscovery? review = null;
            if (parse.GetValue(site) is { } siteId)
            {
                var database = CommonOptions.ResolveDatabase(parse);
                await SeamDbContextFactory.PrepareAsync(database, ct);
                var contexts = new SeamDbContextFactory(database);
                var service = new DiscoveryService(contexts, new InventoryStore(contexts, TimeProvider.System), new Seam.Storage.Intelligence.FindingStore(contexts, TimeProvider.System), TimeProvider.System);
                var created = await service.CreateAsync(siteId, run, UsersCommand.CliActor, ct);
                if (!created.Succeeded)
                {
                    Console.Error.WriteLine(created.Error!.Message);
                    return ExitCodes.InvalidInput;
                }

                review = created.Value;
            }

            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { run.Result, run.Files, run.Elapsed, Review = review?.Summary }, CliJson.Options));
            }
            else
            {
                Print(run);
                if (review is not null)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Review {review.Summary.Name} opened for site {review.Summary.SiteId}: {review.Review.NewDevices.Count} new device(s), "
                        + $"{review.Review.ChangedDevices.Count} changed, {review.Review.Violations.Count} flow(s) no conduit allows. "
                        + $"Decide on them at /discovery/{review.Summary.Id}."));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<T> WithProgressAsync<T>(bool quiet, Func<IProgress<DiscoveryProgress>?, Task<T>> work)
    {
        if (quiet || Console.IsOutputRedirected)
        {
            return await work(null);
        }

        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Reading captures", maxValue: 1);
                var progress = new ThrottledProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalBytes);
                    task.Value = p.Bytes;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{Markup.Escape(Path.GetFileName(p.File))} · {p.Frames:N0} packets · {p.PacketsPerSecond:N0} packets/s · {p.MegabytesPerSecond:N1} MB/s");
                });
                result = await work(progress);
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static void Print(DiscoveryRun run)
    {
        var result = run.Result;
        var bytes = run.Files.Sum(f => f.Bytes);
        var span = result.FirstSeen is { } first && result.LastSeen is { } last
            ? string.Create(CultureInfo.InvariantCulture, $", traffic from {first:u} to {last:u}.")
            : ".";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Read {run.Files.Count} capture(s): {result.Frames:N0} packets, {bytes / 1e6:N1} MB in {run.Elapsed.TotalSeconds:N1} s{span}"));
        foreach (var file in run.Files.Where(f => f.Problems.Count > 0))
        {
            foreach (var problem in file.Problems)
            {
                Console.WriteLine($"  {file.File}: skipped at byte {problem.ByteOffset}"
                    + (problem.FrameNumber is { } n ? $" (frame {n})" : "") + $": {problem.Reason}");
            }
        }

        var protocols = new Table().AddColumns("Protocol", "Frames");
        foreach (var (protocol, frames) in result.FramesByProtocol.OrderByDescending(p => p.Value))
        {
            protocols.AddRow(ProtocolNames.Display(protocol), frames.ToString("N0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(protocols);

        var devices = new Table().AddColumns("Device", "MAC vendor", "Role", "Identity", "Why");
        foreach (var device in result.Devices)
        {
            var identity = string.Join(" · ", new[] { IdentityField.Vendor, IdentityField.Product, IdentityField.Model, IdentityField.FirmwareVersion, IdentityField.StationName, IdentityField.HostName }
                .Select(device.Best).OfType<string>());
            devices.AddRow(
                Markup.Escape(device.Key),
                Markup.Escape(device.MacVendor ?? ""),
                device.Role?.ToString() ?? "",
                Markup.Escape(identity),
                Markup.Escape(device.RoleReason?.OtTerms ?? ""));
        }

        AnsiConsole.Write(devices);

        var flows = new Table().AddColumns("Client", "Server", "Service", "Packets", "Operations");
        foreach (var flow in result.Flows.Take(30))
        {
            flows.AddRow(
                Markup.Escape(flow.Client),
                Markup.Escape(flow.Server),
                Markup.Escape(flow.Transport == Seam.Inventory.Transport.Ethernet && flow.EtherType != 0
                    ? string.Create(CultureInfo.InvariantCulture, $"eth 0x{flow.EtherType:x4}") : flow.Service.ToString()),
                flow.Packets.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", flow.Operations.Take(4).Select(o => o.Name))));
        }

        AnsiConsole.Write(flows);
        if (result.Flows.Count > 30)
        {
            Console.WriteLine($"… and {result.Flows.Count - 30} more flows (use --json for all).");
        }

        foreach (var e in result.Events)
        {
            Console.WriteLine($"[{e.Kind}] {e.Why.ItTerms}");
            Console.WriteLine($"    OT: {e.Why.OtTerms}");
        }
    }

    /// <summary>At most ten reports a second reach the terminal; the hot loop reports far more often.</summary>
    private sealed class ThrottledProgress(Action<DiscoveryProgress> report) : IProgress<DiscoveryProgress>
    {
        private long lastTicks;

        public void Report(DiscoveryProgress value)
        {
            var now = Environment.TickCount64;
            if (now - lastTicks >= 100 || value.Bytes >= value.TotalBytes)
            {
                lastTicks = now;
                report(value);
            }
        }
    }
}
