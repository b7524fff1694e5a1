using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Server.Features.Auth;
using Seam.Storage;
using Spectre.Console;

namespace Seam.Cli;

/// <summary><c>seam users</c>: local accounts and API tokens, managed on the server's own machine.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Manage local accounts and API tokens");
        users.Subcommands.Add(Add());
        users.Subcommands.Add(List());
        users.Subcommands.Add(ResetPassword());
        users.Subcommands.Add(SetEmail());
        users.Subcommands.Add(Token());
        return users;
    }

    private static Command Add()
    {
        var name = new Argument<string>("user-name") { Description = "Sign-in name (letters, digits, . - _ @)" };
        var role = new Option<Role>("--role") { Description = "vendor, viewer, engineer, approver or admin", Required = true };
        var site = new Option<string?>("--site") { Description = "Site id the role applies to (default: every site)" };
        var display = new Option<string?>("--display-name") { Description = "Name shown in the UI" };
        var email = new Option<string?>("--email") { Description = "Where notifications are mailed (default: in-app inbox only)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input instead of prompting" };
        var command = new Command("add", "Create a local account (the first admin is created this way or with the setup token)")
        {
            name, role, site, display, email, passwordStdin,
        };
        command.SetAction(async (parse, ct) =>
        {
            var password = ReadPassword(parse.GetValue(passwordStdin));
            if (password is null)
            {
                return ExitCodes.Usage;
            }

            await using var db = await OpenAsync(parse, ct);
            var accounts = new UserAccounts(db, TimeProvider.System);
            var (user, error) = await accounts.CreateAsync(parse.GetValue(name)!, parse.GetValue(display), password,
                [(parse.GetValue(role), parse.GetValue(site))], CliActor, ct, parse.GetValue(email));
            if (user is null)
            {
                Console.Error.WriteLine($"seam users add: {error!.Field}: {error.Message}");
                return ExitCodes.InvalidInput;
            }

            Console.WriteLine($"Created {user.UserName} as {parse.GetValue(role).ToString().ToLowerInvariant()} on {parse.GetValue(site) ?? "every site"}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List accounts and their roles") { CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await OpenAsync(parse, ct);
            var users = await db.Users.AsNoTracking().Include(u => u.Roles).OrderBy(u => u.UserName).ToListAsync(ct);
            var rows = users.Select(u => new
            {
                u.UserName,
                u.DisplayName,
                u.Email,
                u.Disabled,
                Roles = u.Roles.Select(r => $"{r.Role.ToString().ToLowerInvariant()}@{r.SiteId ?? SeamClaims.AllSites}").ToList(),
            }).ToList();
            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, CliJson.Options));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("User", "Name", "Roles", "State");
            foreach (var r in rows)
            {
                table.AddRow(Markup.Escape(r.UserName), Markup.Escape(r.DisplayName ?? ""), Markup.Escape(string.Join(", ", r.Roles)), r.Disabled ? "disabled" : "active");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ResetPassword()
    {
        var name = new Argument<string>("user-name");
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the new password from standard input" };
        var command = new Command("reset-password", "Set a new password for an account") { name, passwordStdin };
        command.SetAction(async (parse, ct) =>
        {
            var password = ReadPassword(parse.GetValue(passwordStdin));
            if (password is null)
            {
                return ExitCodes.Usage;
            }

            await using var db = await OpenAsync(parse, ct);
            var error = await new UserAccounts(db, TimeProvider.System).SetPasswordAsync(parse.GetValue(name)!, password, CliActor, ct);
            if (error is not null)
            {
                Console.Error.WriteLine($"seam users reset-password: {error.Message}");
                return error.Field == "userName" ? ExitCodes.NotFound : ExitCodes.InvalidInput;
            }

            Console.WriteLine("Password changed.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SetEmail()
    {
        var name = new Argument<string>("user-name");
        var email = new Argument<string>("email") { Description = "The new address; '-' removes it (in-app inbox only)" };
        var command = new Command("set-email", "Change where an account's notifications are mailed (audited)") { name, email };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(email)!;
            await using var db = await OpenAsync(parse, ct);
            var error = await new UserAccounts(db, TimeProvider.System).SetEmailAsync(parse.GetValue(name)!, given == "-" ? null : given, CliActor, ct);
            if (error is not null)
            {
                Console.Error.WriteLine($"seam users set-email: {error.Message}");
                return error.Field == "userName" ? ExitCodes.NotFound : ExitCodes.InvalidInput;
            }

            Console.WriteLine(given == "-" ? "Email removed." : $"Email set to {given.Trim()}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Token()
    {
        var name = new Argument<string>("user-name");
        var tokenName = new Option<string>("--name") { Description = "What the token is for, e.g. 'nightly export'", Required = true };
        var days = new Option<int?>("--expires-in-days") { Description = "Days until the token expires (default: never)" };
        var command = new Command("token", "Create an API token for scripts; the secret is printed once") { name, tokenName, days };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = await OpenAsync(parse, ct);
            var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == parse.GetValue(name), ct);
            if (user is null)
            {
                Console.Error.WriteLine($"seam users token: there is no user '{parse.GetValue(name)}'.");
                return ExitCodes.NotFound;
            }

            var expires = parse.GetValue(days) is { } d ? DateTimeOffset.UtcNow.AddDays(d) : (DateTimeOffset?)null;
            var (_, secret) = await new ApiTokens(db, TimeProvider.System).CreateAsync(user.Id, parse.GetValue(tokenName)!, expires, CliActor, ct);
            Console.WriteLine(secret);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string CliActor => "cli:" + Environment.UserName;

    internal static async Task<SeamDbContext> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var options = CommonOptions.ResolveDatabase(parse);
        await SeamDbContextFactory.PrepareAsync(options, ct);
        return SeamDbContextFactory.Create(options);
    }

    /// <summary>Prompts twice without echo, or reads one line from standard input for scripts.</summary>
    private static string? ReadPassword(bool fromStdin)
    {
        if (fromStdin || Console.IsInputRedirected)
        {
            var line = Console.In.ReadLine();
            if (string.IsNullOrEmpty(line))
            {
                Console.Error.WriteLine("No password on standard input.");
                return null;
            }

            return line;
        }

        var first = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
        var second = AnsiConsole.Prompt(new TextPrompt<string>("Again:").Secret());
        if (first != second)
        {
            Console.Error.WriteLine("The passwords differ.");
            return null;
        }

        return first;
    }

    internal static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
}
