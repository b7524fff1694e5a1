namespace Seam.Inventory;

/// <summary>What an asset is. The kind drives the default reasoning about trust and reach.</summary>
public enum AssetKind
{
    Plc,
    Rtu,
    SafetyController,
    Ied,
    Drive,
    FieldDevice,
    Hmi,
    EngineeringWorkstation,
    Historian,
    ScadaServer,
    OpcServer,
    Switch,
    Router,
    Firewall,
    DataDiode,
    JumpHost,
    VpnGateway,
    Server,
    Workstation,
    Printer,
    CloudConnector,
    CustomApplication,
    Other,
}

/// <summary>How an asset can be patched, from the OT side's point of view.</summary>
public enum Patchability
{
    AnyTime,
    MaintenanceWindow,
    VendorApproval,
    Never,
}

public enum ConduitDirection
{
    /// <summary>Either side may open a connection.</summary>
    Bidirectional,

    /// <summary>Only the "from" zone sends; enforced by a data diode or equivalent.</summary>
    OneWay,
}

public enum EntryPointKind
{
    Internet,
    EnterpriseIt,
    VendorRemoteAccess,
    RemovableMedia,
}

public enum RemoteAccessAvailability
{
    AlwaysOn,
    OnDemand,
}

/// <summary>Which side of the seam a team sits on.</summary>
public enum TeamSide
{
    It,
    Ot,
    Joint,
    Vendor,
}

/// <summary>Where an asset record came from.</summary>
public enum AssetSource
{
    Manual,
    Import,
    Discovery,
    Demo,
}
