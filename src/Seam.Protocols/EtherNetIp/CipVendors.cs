namespace Seam.Protocols.EtherNetIp;

/// <summary>
/// A few ODVA vendor ids of automation vendors common in plants, with the names Wireshark 4.0 shows for them
/// (checked with <c>tshark -G values</c>). Deliberately short: an unknown id is still reported as
/// <see cref="Dissection.IdentityField.VendorId"/>.
/// </summary>
internal static class CipVendors
{
    public static string? Name(ushort vendorId) => vendorId switch
    {
        1 => "Rockwell Automation/Allen-Bradley",
        26 => "Festo Corporation",
        40 => "Wago Corporation",
        47 => "Omron Corporation",
        48 => "TURCk, Inc.",
        68 => "Eaton Electrical",
        90 => "HMS Industrial Networks AB",
        108 => "Beckhoff Automation GmbH",
        243 => "Schneider Automation, Inc.",
        283 => "Hilscher GmbH",
        309 => "Prosoft Technology",
        562 => "Phoenix Contact",
        634 => "Hirschmann, Inc.",
        808 => "SICK AG",
        939 => "Cisco Systems",
        991 => "Moxa Networking Co., Ltd.",
        _ => null,
    };

    /// <summary>CIP device profiles (Identity object attribute 2), as listed in REFERENCE.md §11.2.</summary>
    public static string? DeviceTypeName(ushort deviceType) => deviceType switch
    {
        0x00 => "Generic Device (deprecated)",
        0x02 => "AC Drive",
        0x03 => "Motor Overload",
        0x04 => "Limit Switch",
        0x05 => "Inductive Proximity Switch",
        0x06 => "Photoelectric Sensor",
        0x07 => "General Purpose Discrete I/O",
        0x09 => "Resolver",
        0x0C => "Communications Adapter",
        0x0E => "Programmable Logic Controller",
        0x10 => "Position Controller",
        0x13 => "DC Drive",
        0x15 => "Contactor",
        0x16 => "Motor Starter",
        0x17 => "Soft Start",
        0x18 => "Human-Machine Interface",
        0x1A => "Mass Flow Controller",
        0x1B => "Pneumatic Valve",
        0x1C => "Vacuum Pressure Gauge",
        0x1D => "Process Control Value",
        0x1E => "Residual Gas Analyzer",
        0x1F => "DC Power Generator",
        0x20 => "RF Power Generator",
        0x21 => "Turbomolecular Vacuum Pump",
        0x22 => "Encoder",
        0x23 => "Safety Discrete I/O",
        0x24 => "Fluid Flow Controller",
        0x25 => "CIP Motion Drive",
        0x26 => "CompoNet Repeater",
        0x27 => "Mass Flow Controller, Enhanced",
        0x28 => "CIP Modbus Device",
        0x29 => "CIP Modbus Translator",
        0x2A => "Safety Analog I/O",
        0x2B => "Generic Device (keyable)",
        0x2C => "Managed Switch",
        0x3B => "ControlNet Physical Layer Component",
        _ => null,
    };
}
