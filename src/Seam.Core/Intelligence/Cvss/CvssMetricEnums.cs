namespace Seam.Intelligence.Cvss;

// Typed values of the metrics exploitation reasoning looks at. One enum serves every version that has the metric;
// members a version lacks are simply never returned by it (v2 has no Physical attack vector, v3 no Passive
// user interaction).

public enum CvssAttackVector
{
    Network,
    Adjacent,
    Local,
    Physical,
}

public enum CvssAttackComplexity
{
    Low,
    High,
}

/// <summary>CVSS v4.0 Attack Requirements (AT).</summary>
public enum CvssAttackRequirements
{
    None,
    Present,
}

public enum CvssPrivilegesRequired
{
    None,
    Low,
    High,
}

/// <summary>v3.x uses None/Required; v4.0 None/Passive/Active.</summary>
public enum CvssUserInteraction
{
    None,
    Required,
    Passive,
    Active,
}

public enum CvssScope
{
    Unchanged,
    Changed,
}

/// <summary>Impact on confidentiality, integrity or availability (v3.x C/I/A, v4.0 VC…SA).</summary>
public enum CvssImpact
{
    None,
    Low,
    High,
}

/// <summary>CVSS v3.x Exploit Code Maturity (E).</summary>
public enum CvssExploitCodeMaturity
{
    NotDefined,
    Unproven,
    ProofOfConcept,
    Functional,
    High,
}

/// <summary>CVSS v4.0 Exploit Maturity (E).</summary>
public enum CvssExploitMaturity
{
    NotDefined,
    Attacked,
    ProofOfConcept,
    Unreported,
}
