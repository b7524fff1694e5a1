using Seam.Governance.Policy;

namespace Seam.Core.Tests.Governance;

/// <summary>A small plant's decision rights, as a plant would write them.</summary>
internal static class Policies
{
    public const string Plant = """
        version: 4
        seam-owner: seam
        default-approvers:
          it: it-security
          ot: ot-engineering
        teams:
          - id: it-security
            name: Site IT security
            side: it
            members: [ivy, ian]
            escalates-to: seam
          - id: ot-engineering
            name: Process control engineering
            side: ot
            members: [olga, oscar]
            escalates-to: seam
          - id: seam
            name: Plant manager's office
            side: joint
            members: [sam]
          - id: vendor-krones
            side: vendor
            members: [kurt]
        rules:
          - id: patch-it
            scenarios: [change/patch]
            scope:
              purdue-levels: [3.5, 4, 5]
            responsible: it-security
            approvers:
              any-of: [it-security]
            informed: [ot-engineering]
            deadline: 3d
          - id: changes-control
            scenarios: [change/*]
            scope:
              purdue-levels: [0, 1, 2, 3]
            responsible: ot-engineering
            approvers:
              all-of: [ot-engineering]
            consulted: [it-security]
            deadline: 5d
            escalate-to: seam
          - id: safety
            scenarios: ["*"]
            scope:
              safety-relevant: true
            responsible: ot-engineering
            approvers:
              all-of: [ot-engineering, it-security]
            informed: [seam]
            deadline: 2d
            fast-lane: false
          - id: vendor-access
            scenarios: [access/vendor-remote]
            responsible: ot-engineering
            approvers:
              all-of: [ot-engineering, it-security]
            deadline: 1d
          - id: everything-else
            scenarios: ["*"]
            responsible: it-security
            approvers:
              any-of: [it-security, ot-engineering]
            deadline: 5d
        """;

    public static DecisionRightsPolicy Parse(string text = Plant)
    {
        var result = PolicyYaml.Parse(text, "policy.yaml");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        return result.Policy!;
    }
}
