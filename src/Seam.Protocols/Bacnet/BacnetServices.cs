using Seam.Protocols.Dissection;

namespace Seam.Protocols.Bacnet;

internal readonly record struct BacnetService(string Name, OperationKind Kind);

/// <summary>
/// Service choices of confirmed and unconfirmed requests (ASHRAE 135 §21), named as tshark names them.
/// File writes count as writes, not downloads: AtomicWriteFile carries any file, and calling every one a
/// program download would cry wolf.
/// </summary>
internal static class BacnetServices
{
    public const byte ReadProperty = 12;
    public const byte ReadPropertyMultiple = 14;
    public const byte IAm = 0;

    private static readonly BacnetService[] Confirmed =
    [
        new("acknowledgeAlarm", OperationKind.Other),
        new("confirmedCOVNotification", OperationKind.Other),
        new("confirmedEventNotification", OperationKind.Other),
        new("getAlarmSummary", OperationKind.Read),
        new("getEnrollmentSummary", OperationKind.Read),
        new("subscribeCOV", OperationKind.Read),
        new("atomicReadFile", OperationKind.Read),
        new("atomicWriteFile", OperationKind.Write),
        new("addListElement", OperationKind.Write),
        new("removeListElement", OperationKind.Write),
        new("createObject", OperationKind.Write),
        new("deleteObject", OperationKind.Write),
        new("readProperty", OperationKind.Read),
        new("readPropertyConditional", OperationKind.Read),
        new("readPropertyMultiple", OperationKind.Read),
        new("writeProperty", OperationKind.Write),
        new("writePropertyMultiple", OperationKind.Write),
        new("deviceCommunicationControl", OperationKind.Control),
        new("confirmedPrivateTransfer", OperationKind.Other),
        new("confirmedTextMessage", OperationKind.Other),
        new("reinitializeDevice", OperationKind.Control),
        new("vtOpen", OperationKind.Session),
        new("vtClose", OperationKind.Session),
        new("vtData", OperationKind.Other),
        new("authenticate", OperationKind.Session),
        new("requestKey", OperationKind.Session),
        new("readRange", OperationKind.Read),
        new("lifeSafetyOperation", OperationKind.Control),
        new("subscribeCOVProperty", OperationKind.Read),
        new("getEventInformation", OperationKind.Read),
        new("subscribeCovPropertyMultiple", OperationKind.Read),
        new("confirmedCovNotificationMultiple", OperationKind.Other),
        new("confirmedAuditNotification", OperationKind.Other),
        new("auditLogQuery", OperationKind.Read),
    ];

    private static readonly BacnetService[] Unconfirmed =
    [
        new("i-Am", OperationKind.Identify),
        new("i-Have", OperationKind.Identify),
        new("unconfirmedCOVNotification", OperationKind.Other),
        new("unconfirmedEventNotification", OperationKind.Other),
        new("unconfirmedPrivateTransfer", OperationKind.Other),
        new("unconfirmedTextMessage", OperationKind.Other),
        new("timeSynchronization", OperationKind.Other),
        new("who-Has", OperationKind.Identify),
        new("who-Is", OperationKind.Identify),
        new("utcTimeSynchronization", OperationKind.Other),
        new("writeGroup", OperationKind.Write),
        new("unconfirmedCovNotificationMultiple", OperationKind.Other),
        new("unconfirmedAuditNotification", OperationKind.Other),
        new("who-am-I", OperationKind.Identify),
        new("you-are", OperationKind.Write),
    ];

    private static readonly BacnetService UnknownConfirmed = new("confirmed service", OperationKind.Other);
    private static readonly BacnetService UnknownUnconfirmed = new("unconfirmed service", OperationKind.Other);

    public static BacnetService ConfirmedService(byte choice) => choice < Confirmed.Length ? Confirmed[choice] : UnknownConfirmed;

    public static BacnetService UnconfirmedService(byte choice) =>
        choice < Unconfirmed.Length ? Unconfirmed[choice] : UnknownUnconfirmed;
}

/// <summary>ASHRAE vendor identifiers seen in the corpus and from the largest building-automation vendors.</summary>
internal static class BacnetVendors
{
    // Names as tshark 4.0's bacapp vendor table gives them.
    private static readonly Dictionary<uint, string> Names = new()
    {
        [0] = "ASHRAE",
        [1] = "NIST",
        [2] = "The Trane Company",
        [5] = "Johnson Controls, Inc.",
        [7] = "Siemens Schweiz AG (Formerly: Landis & Staefa Division Europe)",
        [8] = "Delta Controls",
        [9] = "Siemens Schweiz AG",
        [10] = "Schneider Electric",
        [14] = "Cimetrics Technology",
        [17] = "Honeywell Inc.",
        [18] = "Alerton / Honeywell",
        [24] = "Automated Logic Corporation",
        [28] = "KMC Controls, Inc.",
        [35] = "Reliable Controls Corporation",
        [36] = "Tridium Inc.",
        [42] = "Acuity Brands Lighting, Inc.",
        [86] = "The Watt Stopper, Inc.",
        [154] = "Unitec Corporation",
        [222] = "WAGO Kontakttechnik GmbH & Co. KG",
        [245] = "Contemporary Control Systems, Inc.",
        [260] = "BACnet Stack at SourceForge",
    };

    public static string? NameOf(uint vendorId) => Names.GetValueOrDefault(vendorId);
}
