namespace Seam.Exposure.Ssvc;

/// <summary>Placeholder until the SSVC branch lands.</summary>
public static class SsvcAssessor
{
    public static SsvcAssessment Assess(SsvcInputs inputs) => throw new NotImplementedException("SSVC lands next");
}
