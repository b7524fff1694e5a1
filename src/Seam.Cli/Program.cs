using System.CommandLine;
using Seam.Cli;

var root = new RootCommand("Seam: one shared, evidence-based picture of IT/OT cyber risk, and the decisions that follow from it.");
root.Options.Add(CommonOptions.Database);
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(InventoryCommands.Import());
root.Subcommands.Add(InventoryCommands.Export());
root.Subcommands.Add(IntelligenceCommands.Findings());
root.Subcommands.Add(ExposureCommands.Create());
root.Subcommands.Add(PolicyCommands.Create());
root.Subcommands.Add(RequestCommands.Create());
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(AuditCommands.Create());
root.Subcommands.Add(DiscoverCommands.Create());
return await root.Parse(args).InvokeAsync();
