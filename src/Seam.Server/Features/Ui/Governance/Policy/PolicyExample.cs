namespace Seam.Server.Features.Ui.Governance.Policy;

/// <summary>A small but complete policy to start from: one IT team, one OT team, the seam owner and three rules.</summary>
public static class PolicyExample
{
    public const string Yaml = """
        version: 1
        seam-owner: seam
        default-approvers:
          it: it-security
          ot: ot-engineering
        teams:
          - id: it-security
            name: IT security
            side: it
            members: []
            escalates-to: seam
          - id: ot-engineering
            name: OT engineering
            side: ot
            members: []
            escalates-to: seam
          - id: seam
            name: IT/OT seam owner
            side: joint
            members: []
        rules:
          - id: control-changes
            scenarios: [change/*]
            scope:
              purdue-levels: [0, 1, 2]
            responsible: ot-engineering
            approvers:
              all-of: [ot-engineering, it-security]
            consulted: []
            informed: [seam]
            deadline: 5d
          - id: business-changes
            scenarios: [change/*, active-scan]
            scope:
              purdue-levels: [3, 3.5, 4, 5]
            responsible: it-security
            approvers:
              any-of: [it-security]
            informed: [ot-engineering]
            deadline: 3d
          - id: vendor-access
            scenarios: [access/*]
            responsible: ot-engineering
            approvers:
              all-of: [ot-engineering, it-security]
            deadline: 1d
            fast-lane: false
        """;
}
