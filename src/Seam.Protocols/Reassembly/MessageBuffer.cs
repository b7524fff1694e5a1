namespace Seam.Protocols.Reassembly;

/// <summary>
/// The parts of one message received so far, refusing any part that would take it past a fixed size: the size a
/// peer announces is never trusted, memory grows only with bytes that really arrived, and never past the cap.
/// </summary>
internal sealed class MessageBuffer(int maxBytes)
{
    private byte[] _bytes = [];
    private int _length;

    public int Length => _length;

    public ReadOnlySpan<byte> Content => _bytes.AsSpan(0, _length);

    /// <returns>False, holding nothing more, when the part would make the message longer than the cap.</returns>
    public bool TryAppend(ReadOnlySpan<byte> part)
    {
        if (part.Length > maxBytes - _length)
        {
            return false;
        }

        if (_length + part.Length > _bytes.Length)
        {
            var grown = Math.Max(Math.Max(_bytes.Length * 2, 256), _length + part.Length);
            Array.Resize(ref _bytes, Math.Min(maxBytes, grown));
        }

        part.CopyTo(_bytes.AsSpan(_length));
        _length += part.Length;
        return true;
    }
}
