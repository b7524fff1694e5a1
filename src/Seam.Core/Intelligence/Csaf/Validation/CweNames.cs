namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// Official names of the weaknesses ICS advisories cite most (MITRE CWE list, version 4). Test 6.1.11 compares a
/// document's CWE name with the catalogue's; Seam carries this part of the catalogue, so for these ids a wrong name is
/// caught and for other ids only the form is checked (said in the validator's documentation).
/// </summary>
internal static class CweNames
{
    private static readonly Dictionary<string, string> Official = new(StringComparer.Ordinal)
    {
        ["CWE-121"] = @"Stack-based Buffer Overflow",
        ["CWE-125"] = @"Out-of-bounds Read",
        ["CWE-20"] = @"Improper Input Validation",
        ["CWE-284"] = @"Improper Access Control",
        ["CWE-190"] = @"Integer Overflow or Wraparound",
        ["CWE-79"] = @"Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
        ["CWE-787"] = @"Out-of-bounds Write",
        ["CWE-306"] = @"Missing Authentication for Critical Function",
        ["CWE-287"] = @"Improper Authentication",
        ["CWE-798"] = @"Use of Hard-coded Credentials",
        ["CWE-22"] = @"Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
        ["CWE-77"] = @"Improper Neutralization of Special Elements used in a Command ('Command Injection')",
        ["CWE-78"] = @"Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
        ["CWE-400"] = @"Uncontrolled Resource Consumption",
        ["CWE-122"] = @"Heap-based Buffer Overflow",
        ["CWE-611"] = @"Improper Restriction of XML External Entity Reference",
        ["CWE-269"] = @"Improper Privilege Management",
        ["CWE-119"] = @"Improper Restriction of Operations within the Bounds of a Memory Buffer",
        ["CWE-200"] = @"Exposure of Sensitive Information to an Unauthorized Actor",
        ["CWE-522"] = @"Insufficiently Protected Credentials",
        ["CWE-89"] = @"Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
        ["CWE-120"] = @"Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')",
        ["CWE-434"] = @"Unrestricted Upload of File with Dangerous Type",
        ["CWE-319"] = @"Cleartext Transmission of Sensitive Information",
        ["CWE-321"] = @"Use of Hard-coded Cryptographic Key",
        ["CWE-352"] = @"Cross-Site Request Forgery (CSRF)",
        ["CWE-427"] = @"Uncontrolled Search Path Element",
        ["CWE-288"] = @"Authentication Bypass Using an Alternate Path or Channel",
        ["CWE-259"] = @"Use of Hard-coded Password",
        ["CWE-416"] = @"Use After Free",
        ["CWE-345"] = @"Insufficient Verification of Data Authenticity",
        ["CWE-256"] = @"Plaintext Storage of a Password",
        ["CWE-285"] = @"Improper Authorization",
        ["CWE-23"] = @"Relative Path Traversal",
        ["CWE-824"] = @"Access of Uninitialized Pointer",
        ["CWE-502"] = @"Deserialization of Untrusted Data",
        ["CWE-862"] = @"Missing Authorization",
        ["CWE-822"] = @"Untrusted Pointer Dereference",
        ["CWE-693"] = @"Protection Mechanism Failure",
        ["CWE-384"] = @"Session Fixation",
        ["CWE-94"] = @"Improper Control of Generation of Code ('Code Injection')",
        ["CWE-327"] = @"Use of a Broken or Risky Cryptographic Algorithm",
        ["CWE-425"] = @"Direct Request ('Forced Browsing')",
        ["CWE-257"] = @"Storing Passwords in a Recoverable Format",
        ["CWE-476"] = @"NULL Pointer Dereference",
    };

    public static bool TryGet(string id, out string name) => Official.TryGetValue(id, out name!);
}
