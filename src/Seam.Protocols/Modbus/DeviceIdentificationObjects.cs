namespace Seam.Protocols.Modbus;

/// <summary>
/// Reads the objects of a Read Device Identification response (function 43, MEI 14) without allocating. The body
/// starts at the MEI type: <c>0E code conformity more-follows next-id count {id len value}*</c>.
/// </summary>
internal static class DeviceIdentificationObjects
{
    public const int FirstObjectOffset = 6;

    public static int Count(ReadOnlySpan<byte> body) => body.Length > FirstObjectOffset ? body[FirstObjectOffset - 1] : 0;

    /// <summary>The object at <paramref name="offset"/>, advancing past it; false when its length runs past the PDU.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, ref int offset, out byte objectId, out ReadOnlySpan<byte> value)
    {
        objectId = 0;
        value = default;
        if (offset + 2 > body.Length || offset + 2 + body[offset + 1] > body.Length)
        {
            return false;
        }

        objectId = body[offset];
        value = body.Slice(offset + 2, body[offset + 1]);
        offset += 2 + value.Length;
        return true;
    }
}
