namespace Seam.Protocols.Dnp3;

/// <summary>CRC-16/DNP (polynomial 0x3D65, reflected, initial 0, final XOR 0xFFFF), stored little-endian on the wire.</summary>
internal static class Dnp3Crc
{
    private const ushort ReflectedPolynomial = 0xA6BC;

    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        foreach (var b in data)
        {
            crc = (ushort)((crc >> 8) ^ Table[(crc ^ b) & 0xFF]);
        }

        return (ushort)~crc;
    }

    /// <summary>Whether <paramref name="block"/> is followed in <paramref name="crc"/> by its correct checksum.</summary>
    public static bool Matches(ReadOnlySpan<byte> block, ReadOnlySpan<byte> crc) =>
        crc.Length >= 2 && Compute(block) == (ushort)(crc[0] | (crc[1] << 8));

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var value = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (ushort)((value >> 1) ^ ReflectedPolynomial) : (ushort)(value >> 1);
            }

            table[i] = value;
        }

        return table;
    }
}
