using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Time.Testing;
using Seam.Audit;
using Seam.Intelligence.Demo;
using Seam.Intelligence.Findings;
using Seam.Inventory;
using Seam.Inventory.Demo;
using Seam.Storage.Audit;
using Seam.Storage.Intelligence;
using Seam.Testing.Databases;
using static Seam.Storage.Tests.Audit.AuditLogTestSupport;

namespace Seam.Storage.Tests.Audit;

/// <summary>Every audit entry is chained when it is saved, whoever added it, however many write at once.</summary>
public sealed class AuditChainingTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Writes_through_the_real_stores_leave_an_intact_chain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(Start.AddTicks(4321));
        var contexts = new SeamDbContextFactory(database.Options);
        Assert.True((await database.CreateInventoryStore(clock).ApplyAsync(DemoPlant.Create(), ImportMode.Replace, "ivy")).Applied);
        await new AdvisoryImporter(contexts, clock).ImportAsync(
            DemoAdvisories.All().Select(a => new AdvisoryInput(a.Name, a.Content, "not provided", "not provided")), "ivy");
        await using (var db = database.CreateContext())
        {
            var finding = await db.Findings.OrderBy(f => f.Id).FirstAsync();
            await new FindingStore(contexts, clock).DecideAsync(finding.Id, new FindingDecision(FindingState.Mitigated, "VLAN ACL in place", null), "olga");
        }

        var entries = await ReadAsync(database);
        var result = await VerifyAsync(database);

        Assert.True(result.Intact, result.Message);
        Assert.True(entries.Count > 3);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Id));
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash!));
        Assert.Equal(new AuditHead(entries.Count, entries[^1].Hash!, entries.Count), result.Head);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entries_saved_together_are_chained_in_the_order_they_were_added(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            foreach (var name in new[] { "first", "second", "third", "fourth" })
            {
                db.AuditEntries.Add(Entry("ivy", name, Start));
            }

            Assert.Equal(4, await db.SaveChangesAsync());
            var saved = db.AuditEntries.Local.OrderBy(e => e.Id).ToList();
            Assert.Equal([(1L, "first"), (2L, "second"), (3L, "third"), (4L, "fourth")], saved.Select(e => (e.Id, e.EntityId)));
        }

        var entries = await ReadAsync(database);
        Assert.Equal(["first", "second", "third", "fourth"], entries.Select(e => e.EntityId));
        Assert.True((await VerifyAsync(database)).Intact);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Concurrent_writers_still_form_one_chain_without_duplicate_ids(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        const int Writers = 6, SavesEach = 15;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            for (var i = 0; i < SavesEach; i++)
            {
                db.AuditEntries.Add(Entry($"writer-{w}", $"PLC-{i}", Start.AddSeconds(i)));
                if (i % 3 == 0)
                {
                    db.AuditEntries.Add(Entry($"writer-{w}", $"PLC-{i}b", Start.AddSeconds(i)));
                }

                await db.SaveChangesAsync();
            }
        })));

        var entries = await ReadAsync(database);
        const int Expected = Writers * (SavesEach + 5);
        Assert.Equal(Enumerable.Range(1, Expected).Select(i => (long)i), entries.Select(e => e.Id));
        var result = await VerifyAsync(database);
        Assert.True(result.Intact, result.Message);
        Assert.Equal(Expected, result.EntriesChecked);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_callers_transaction_is_used_and_a_rolled_back_one_leaves_no_trace(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 2);

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AuditEntries.Add(Entry("ivy", "rolled-back", Start));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AuditEntries.Add(Entry("ivy", "kept-1", Start));
            await db.SaveChangesAsync();
            db.AuditEntries.Add(Entry("ivy", "kept-2", Start));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var entries = await ReadAsync(database);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, entries.Select(e => e.Id));
        Assert.Equal(["kept-1", "kept-2"], entries.Skip(2).Select(e => e.EntityId));
        Assert.True((await VerifyAsync(database)).Intact);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_save_retried_by_the_execution_strategy_chains_again_from_the_then_latest_entry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await WriteAsync(database, 1);

        // The first insert fails as a transient fault; before the retry another writer appends entry 2 (synchronously, which
        // also exercises the synchronous save), so the retry must move its entries to ids 3 and 4.
        var fault = new FailFirstAuditInsert();
        var strategy = new RetryOnTransientFault(() =>
        {
            using var other = database.CreateContext();
            other.AuditEntries.Add(Entry("other", "between", Start));
            other.SaveChanges();
        });
        await using (var db = CreateContext(database, strategy, fault))
        {
            db.AuditEntries.Add(Entry("ivy", "retried-1", Start));
            db.AuditEntries.Add(Entry("ivy", "retried-2", Start));
            Assert.Equal(2, await db.SaveChangesAsync());
            Assert.Equal(EntityState.Unchanged, db.ChangeTracker.Entries<AuditEntry>().First().State);
        }

        Assert.Equal(1, fault.Failures);
        Assert.Equal(1, strategy.Retries);
        var entries = await ReadAsync(database);
        Assert.Equal(["PLC-1", "between", "retried-1", "retried-2"], entries.Select(e => e.EntityId));
        Assert.Equal(new long[] { 1, 2, 3, 4 }, entries.Select(e => e.Id));
        Assert.True((await VerifyAsync(database)).Intact);
    }

    [Fact]
    public async Task Sqlite_transactions_hold_the_write_lock_from_their_first_statement()
    {
        // The chain relies on this: Microsoft.Data.Sqlite begins EF's transactions with BEGIN IMMEDIATE.
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var holder = database.CreateContext();
        await using var transaction = await holder.Database.BeginTransactionAsync();

        await using var other = new Microsoft.Data.Sqlite.SqliteConnection(database.Options.ConnectionString + ";Default Timeout=1");
        await other.OpenAsync();
        await using var begin = other.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        var refused = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => begin.ExecuteNonQueryAsync());
        Assert.Equal(5, refused.SqliteErrorCode); // SQLITE_BUSY
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Entries_written_before_the_chain_existed_are_chained_once_when_it_starts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateWithoutSchemaAsync(provider);
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_AuditHash", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);

            // Ids 1, 2 and 4: a gap as a rolled-back insert leaves one on PostgreSQL.
            foreach (var id in new long[] { 1, 2, 4 })
            {
                object at = provider == DatabaseProvider.Sqlite ? Start.AddMinutes(id).UtcTicks : Start.AddMinutes(id);
                await db.Database.ExecuteSqlRawAsync(
                    """INSERT INTO audit_entries ("Id", "At", "Actor", "Action", "EntityType", "Summary") VALUES ({0}, {1}, 'ivy', 'import', 'inventory', 'old')""",
                    id, at);
            }
        }

        await SeamDbContextFactory.PrepareAsync(database.Options);

        var entries = await ReadAsync(database);
        Assert.Equal(new long[] { 1, 2, 4, 5 }, entries.Select(e => e.Id));
        Assert.All(entries, e => Assert.NotNull(e.Hash));
        var start = entries[^1];
        Assert.Equal((AuditChaining.ChainStartAction, "seam"), (start.Action, start.Actor));
        Assert.StartsWith("3 entries (1–4) had been written before the audit log was hash-chained", start.Summary, StringComparison.Ordinal);
        Assert.True((await VerifyAsync(database)).Intact);

        // Starting again changes nothing, and a later write chains on.
        await SeamDbContextFactory.PrepareAsync(database.Options);
        await WriteMoreAsync(database);
        Assert.Equal(new long[] { 1, 2, 4, 5, 6 }, (await ReadAsync(database)).Select(e => e.Id));
        Assert.True((await VerifyAsync(database)).Intact);

        // From now on a missing hash on an old entry is tampering, never a reason to start over.
        await TamperAsync(database, """UPDATE audit_entries SET "Hash" = NULL WHERE "Id" = 2""");
        await SeamDbContextFactory.PrepareAsync(database.Options);
        var result = await VerifyAsync(database);
        Assert.Equal((2L, AuditBreakKind.Unhashed), (result.FirstBrokenId!.Value, result.Kind!.Value));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_old_log_migrated_without_seam_starting_is_chained_by_its_first_write(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateWithoutSchemaAsync(provider);
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_AuditHash", StringComparison.Ordinal)) - 1]);
            object at = provider == DatabaseProvider.Sqlite ? Start.UtcTicks : Start;
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO audit_entries ("Id", "At", "Actor", "Action", "EntityType") VALUES (1, {0}, 'ivy', 'import', 'inventory')""", at);
            await db.Database.MigrateAsync();
        }

        await WriteMoreAsync(database);

        var entries = await ReadAsync(database);
        Assert.Equal([("inventory", "import"), ("audit", AuditChaining.ChainStartAction), ("asset", "update")], entries.Select(e => (e.EntityType, e.Action)));
        Assert.True((await VerifyAsync(database)).Intact);
    }

    private static async Task WriteMoreAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        db.AuditEntries.Add(Entry("olga", "PLC-9", Start.AddHours(2)));
        await db.SaveChangesAsync();
    }

    private static SeamDbContext CreateContext(TestDatabase database, RetryOnTransientFault strategy, IInterceptor fault)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            return new PostgresSeamDbContext(new DbContextOptionsBuilder<PostgresSeamDbContext>()
                .UseNpgsql(database.Options.ConnectionString, o => o.ExecutionStrategy(strategy.Create))
                .AddInterceptors(fault).Options);
        }

        return new SqliteSeamDbContext(new DbContextOptionsBuilder<SqliteSeamDbContext>()
            .UseSqlite(database.Options.ConnectionString, o => o.ExecutionStrategy(strategy.Create))
            .AddInterceptors(fault).Options);
    }

    private sealed class TransientFault() : Exception("injected transient fault");

    /// <summary>Fails the first command that inserts into the audit log, as a dropped connection would.</summary>
    private sealed class FailFirstAuditInsert : DbCommandInterceptor
    {
        // SQLite's SQL quotes the table name, PostgreSQL's does not need to.
        private static bool IsAuditInsert(DbCommand command) =>
            command.CommandText.Replace("\"", "", StringComparison.Ordinal).Contains("INSERT INTO audit_entries", StringComparison.Ordinal);

        public int Failures { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Failures == 0 && IsAuditInsert(command))
            {
                Failures++;
                throw new TransientFault();
            }

            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Failures == 0 && IsAuditInsert(command))
            {
                Failures++;
                throw new TransientFault();
            }

            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Retries once on <see cref="TransientFault"/>, running <paramref name="beforeRetry"/> in between.</summary>
    private sealed class RetryOnTransientFault(Action beforeRetry)
    {
        public int Retries { get; private set; }

        private void BeforeRetry()
        {
            Retries++;
            beforeRetry();
        }

        public IExecutionStrategy Create(ExecutionStrategyDependencies dependencies) => new Strategy(dependencies, this);

        private sealed class Strategy(ExecutionStrategyDependencies dependencies, RetryOnTransientFault owner)
            : ExecutionStrategy(dependencies, maxRetryCount: 1, maxRetryDelay: TimeSpan.FromMilliseconds(1))
        {
            protected override bool ShouldRetryOn(Exception exception)
            {
                if (exception is not TransientFault)
                {
                    return false;
                }

                owner.BeforeRetry();
                return true;
            }
        }
    }
}
