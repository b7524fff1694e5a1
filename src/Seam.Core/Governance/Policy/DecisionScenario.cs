namespace Seam.Governance.Policy;

/// <summary>What a request asks for. Each has its own decision rights.</summary>
public enum DecisionScenario
{
    Patch,
    Firmware,
    Configuration,
    NetworkRule,
    NewConnection,
    VendorRemoteAccess,
    PrivilegedAccess,
    NewAccount,
    Incident,

    /// <summary>New custom software or an AI tool.</summary>
    Solution,
    RiskAcceptance,
    ActiveScan,
}

/// <summary>The scenarios as a policy file spells them ("change/patch", "access/vendor-remote", …).</summary>
public static class DecisionScenarios
{
    private static readonly (DecisionScenario Scenario, string Key)[] Keys =
    [
        (DecisionScenario.Patch, "change/patch"),
        (DecisionScenario.Firmware, "change/firmware"),
        (DecisionScenario.Configuration, "change/configuration"),
        (DecisionScenario.NetworkRule, "change/network-rule"),
        (DecisionScenario.NewConnection, "change/new-connection"),
        (DecisionScenario.VendorRemoteAccess, "access/vendor-remote"),
        (DecisionScenario.PrivilegedAccess, "access/privileged"),
        (DecisionScenario.NewAccount, "access/new-account"),
        (DecisionScenario.Incident, "incident"),
        (DecisionScenario.Solution, "solution"),
        (DecisionScenario.RiskAcceptance, "risk-acceptance"),
        (DecisionScenario.ActiveScan, "active-scan"),
    ];

    public static IReadOnlyList<DecisionScenario> All { get; } = [.. Keys.Select(k => k.Scenario)];

    public const string Expected = "a scenario (change/patch, change/firmware, change/configuration, change/network-rule, change/new-connection, "
        + "access/vendor-remote, access/privileged, access/new-account, incident, solution, risk-acceptance, active-scan) or a group (change/*, access/*, *)";

    public static string Key(this DecisionScenario scenario) => Keys.First(k => k.Scenario == scenario).Key;

    /// <summary>True for changes to systems (patch, firmware, configuration, network rule, new connection).</summary>
    public static bool IsChange(this DecisionScenario scenario) => Key(scenario).StartsWith("change/", StringComparison.Ordinal);

    /// <summary>Reads one scenario key or a group ("change/*", "access/*", "*") into the scenarios it stands for.</summary>
    public static bool TryParse(string text, out IReadOnlyList<DecisionScenario> scenarios)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "*")
        {
            scenarios = All;
            return true;
        }

        if (t.EndsWith("/*", StringComparison.Ordinal))
        {
            var prefix = t[..^1];
            scenarios = [.. Keys.Where(k => k.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k.Scenario)];
            return scenarios.Count > 0;
        }

        scenarios = [.. Keys.Where(k => k.Key == t).Select(k => k.Scenario)];
        return scenarios.Count > 0;
    }
}
