using System.Buffers;
using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Protocols.Frames;

namespace Seam.Protocols.Streams;

/// <summary>
/// Turns TCP segments into whole PDUs for the stream's dissector: data already seen is not dissected twice,
/// a gap empties the stream's buffer and parsing resumes at the next PDU the dissector recognises, several
/// PDUs in one segment and one PDU across several segments are cut with <see cref="IDissector.PduLength"/>.
/// Memory is bounded three ways: per direction, across all streams, and in the number of streams.
/// </summary>
internal sealed class TcpReassembler(DissectorTable table, SafeDissection dissection, ProblemLog problems, CaptureLimits limits)
{
    private readonly TcpStreamTable streams = new();
    private readonly List<TcpStream> evictionScratch = [];
    private long clockNanos = long.MinValue;
    private long lastSweepNanos = long.MinValue;
    private long bufferedBytes;
    private long streamCount;
    private long retransmissions;
    private long gaps;
    private long evictions;
    private long peakStreams;
    private long peakBufferedBytes;

    /// <summary>Streams held now, for tests of the table's bound.</summary>
    internal int StreamCount => streams.Count;

    /// <summary>Bytes held now in partial-PDU buffers.</summary>
    internal long BufferedBytes => bufferedBytes;

    public TcpStatistics Statistics =>
        new(streamCount, retransmissions, gaps, evictions, peakStreams, peakBufferedBytes);

    public void OnSegment(in FrameInfo frame, in DecodedFrame decoded, ReadOnlySpan<byte> payload)
    {
        AdvanceClock(frame.TimestampNanos);
        var stream = streams.Find(decoded, out var fromLow);
        var flags = decoded.TcpFlags;
        if (stream is null)
        {
            if (decoded.TcpSegmentLength == 0 && (flags & TcpFlags.Syn) == 0)
            {
                // A bare ACK, FIN or RST of a connection not tracked: nothing to reassemble.
                return;
            }

            if (table.Recognisers.Length == 0 && ServerDissectors(decoded) is null)
            {
                // No dissector for these ports and none that could claim the stream by its opening.
                return;
            }

            stream = Open(decoded);
        }

        stream.LastSeenNanos = clockNanos;
        ref var direction = ref stream.Direction(fromLow);
        if ((flags & TcpFlags.Rst) != 0)
        {
            Close(stream);
            return;
        }

        if ((flags & TcpFlags.Syn) != 0)
        {
            // A new connection (or its retransmitted SYN): whatever was buffered belongs to an older one.
            Reset(ref direction);
            direction.HasSequence = true;
            direction.NextSequence = decoded.TcpSequence + 1;
            direction.Finished = false;
        }
        else if (decoded.TcpSegmentLength > 0)
        {
            Accept(frame, stream, ref direction, decoded, payload);
        }

        if ((flags & TcpFlags.Fin) != 0)
        {
            direction.Finished = true;
            if (stream.FromLow.Finished && stream.FromHigh.Finished)
            {
                Close(stream);
            }
        }
    }

    /// <summary>Returns every buffer to the pool at the end of a run.</summary>
    public void Finish()
    {
        evictionScratch.Clear();
        streams.CopyTo(evictionScratch);
        foreach (var stream in evictionScratch)
        {
            Release(ref stream.FromLow);
            Release(ref stream.FromHigh);
        }

        evictionScratch.Clear();
        streams.Clear();
    }

    private TcpStream Open(in DecodedFrame decoded)
    {
        if (streams.Count >= limits.MaxTcpStreams)
        {
            MakeRoom();
        }

        var stream = new TcpStream(ServerDissectors(decoded));
        streams.Add(decoded, stream);
        streamCount++;
        peakStreams = Math.Max(peakStreams, streams.Count);
        return stream;
    }

    /// <summary>The dissectors of the server's port: the SYN's destination, else whichever port is bound (the lower if both).</summary>
    private IDissector[]? ServerDissectors(in DecodedFrame decoded)
    {
        var atDestination = table.Tcp(decoded.DestinationPort);
        var atSource = table.Tcp(decoded.SourcePort);
        if ((decoded.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn)
        {
            return atDestination ?? atSource;
        }

        if (atDestination is not null && atSource is not null)
        {
            return decoded.DestinationPort <= decoded.SourcePort ? atDestination : atSource;
        }

        return atDestination ?? atSource;
    }

    private void Accept(in FrameInfo frame, TcpStream stream, ref TcpDirection direction, in DecodedFrame decoded, ReadOnlySpan<byte> payload)
    {
        var sequence = decoded.TcpSequence;
        var segmentLength = decoded.TcpSegmentLength;
        if (!direction.HasSequence)
        {
            direction.HasSequence = true;
            direction.NextSequence = sequence;
        }

        var ahead = (int)(sequence - direction.NextSequence);
        if (ahead < 0)
        {
            // Widened: the distance can be int.MinValue, whose negation does not fit an int.
            var distance = -(long)ahead;
            if (distance >= segmentLength)
            {
                retransmissions++;
                return;
            }

            // Part old, part new: dissect only the new bytes.
            var alreadySeen = (int)distance;
            retransmissions++;
            payload = payload[Math.Min(alreadySeen, payload.Length)..];
            sequence += (uint)alreadySeen;
            segmentLength -= alreadySeen;
        }
        else if (ahead > 0)
        {
            gaps++;
            Reset(ref direction);
        }

        direction.NextSequence = sequence + (uint)segmentLength;
        if (stream.Dissectors is null && !Claim(frame, stream, ref direction, payload))
        {
            return;
        }

        if (!payload.IsEmpty)
        {
            Deliver(frame, stream.Dissectors!, ref direction, payload);
        }

        if (payload.Length < segmentLength)
        {
            // The snapshot length cut this segment: the bytes after the cut are lost, as in a gap.
            gaps++;
            Reset(ref direction);
        }
    }

    /// <summary>A stream on unbound ports: asks every dissector once per direction whether the first payload opens its protocol.</summary>
    private bool Claim(in FrameInfo frame, TcpStream stream, ref TcpDirection direction, ReadOnlySpan<byte> payload)
    {
        if (direction.RecognitionTried || payload.IsEmpty)
        {
            return false;
        }

        direction.RecognitionTried = true;
        if (dissection.Recognise(table.Recognisers, frame.Number, payload) is not { } recogniser)
        {
            return false;
        }

        stream.Dissectors = [recogniser];
        return true;
    }

    private void Deliver(in FrameInfo frame, IDissector[] dissectors, ref TcpDirection direction, ReadOnlySpan<byte> payload)
    {
        while (true)
        {
            if (direction.SkipRemaining > 0)
            {
                var skipped = (int)Math.Min(direction.SkipRemaining, payload.Length);
                payload = payload[skipped..];
                direction.SkipRemaining -= skipped;
            }

            if (payload.IsEmpty)
            {
                return;
            }

            if (direction.Buffered == 0)
            {
                // Nothing pending: cut PDUs straight from the segment, copying only an incomplete tail.
                var consumed = Cut(frame, dissectors, ref direction, payload, out var resynchronise);
                if (resynchronise)
                {
                    return;
                }

                payload = payload[consumed..];
                if (direction.SkipRemaining > 0)
                {
                    continue;
                }

                if (!payload.IsEmpty)
                {
                    Append(frame, ref direction, payload);
                }

                return;
            }

            var take = Math.Min(payload.Length, limits.StreamBufferBytes - direction.Buffered);
            if (!Append(frame, ref direction, payload[..take]))
            {
                return;
            }

            payload = payload[take..];
            var pending = direction.Buffer.AsSpan(0, direction.Buffered);
            var used = Cut(frame, dissectors, ref direction, pending, out var resync);
            if (resync)
            {
                Reset(ref direction);
                return;
            }

            if (used == direction.Buffered)
            {
                Release(ref direction);
                continue;
            }

            pending[used..].CopyTo(pending);
            direction.Buffered -= used;
            if (direction.Buffered >= limits.StreamBufferBytes)
            {
                Report(frame, $"a TCP stream held {direction.Buffered} bytes without the dissector finding the end of a PDU; dropped them and resynchronised");
                Reset(ref direction);
                return;
            }
        }
    }

    /// <summary>Dissects the whole PDUs at the start of <paramref name="bytes"/> and returns how many bytes they took.</summary>
    private int Cut(in FrameInfo frame, IDissector[] dissectors, ref TcpDirection direction, ReadOnlySpan<byte> bytes, out bool resynchronise)
    {
        resynchronise = false;
        var consumed = 0;
        while (consumed < bytes.Length)
        {
            var rest = bytes[consumed..];
            var length = dissection.PduLength(dissectors, frame.Number, rest);
            if (length < 0)
            {
                resynchronise = true;
                return consumed;
            }

            if (length > 0 && length <= rest.Length)
            {
                dissection.Dissect(dissectors, frame, rest[..length]);
                consumed += length;
                continue;
            }

            if (length > limits.StreamBufferBytes)
            {
                Report(frame, $"a {dissectors[0].Protocol} PDU of {length} bytes is longer than the {limits.StreamBufferBytes}-byte stream buffer; skipped it");
                direction.SkipRemaining = length - rest.Length;
                return bytes.Length;
            }

            if (length == 0 && rest.Length >= limits.StreamBufferBytes)
            {
                Report(frame, $"the {dissectors[0].Protocol} dissector could not find a PDU's length in {rest.Length} bytes; dropped them and resynchronised");
                resynchronise = true;
                return consumed;
            }

            return consumed;
        }

        return consumed;
    }

    /// <summary>Adds bytes to the direction's buffer; false (buffer dropped) when the budget across all streams is spent.</summary>
    private bool Append(in FrameInfo frame, ref TcpDirection direction, ReadOnlySpan<byte> bytes)
    {
        var needed = direction.Buffered + bytes.Length;
        var capacity = direction.Buffer?.Length ?? 0;
        if (needed > capacity)
        {
            var size = Math.Max(needed, Math.Min(Math.Max(capacity * 2, 2048), limits.StreamBufferBytes));
            if (bufferedBytes - capacity + size > limits.TotalBufferBytes)
            {
                Report(frame, $"partial PDUs across all TCP streams would exceed {limits.TotalBufferBytes} bytes; dropped this stream's and resynchronised");
                Reset(ref direction);
                return false;
            }

            var larger = ArrayPool<byte>.Shared.Rent(size);
            if (direction.Buffer is { } old)
            {
                old.AsSpan(0, direction.Buffered).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(old);
            }

            bufferedBytes += larger.Length - capacity;
            peakBufferedBytes = Math.Max(peakBufferedBytes, bufferedBytes);
            direction.Buffer = larger;
        }

        bytes.CopyTo(direction.Buffer.AsSpan(direction.Buffered));
        direction.Buffered = needed;
        return true;
    }

    /// <summary>Forgets everything pending in the direction: after a gap, a new connection or a resynchronisation.</summary>
    private void Reset(ref TcpDirection direction)
    {
        direction.SkipRemaining = 0;
        Release(ref direction);
    }

    /// <summary>Returns the direction's buffer to the pool; a PDU being skipped stays skipped.</summary>
    private void Release(ref TcpDirection direction)
    {
        direction.Buffered = 0;
        if (direction.Buffer is { } buffer)
        {
            bufferedBytes -= buffer.Length;
            ArrayPool<byte>.Shared.Return(buffer);
            direction.Buffer = null;
        }
    }

    private void Close(TcpStream stream)
    {
        Reset(ref stream.FromLow);
        Reset(ref stream.FromHigh);
        streams.Remove(stream);
    }

    private void AdvanceClock(long timestampNanos)
    {
        // Captures are not always in time order; the clock only moves forward.
        if (timestampNanos <= clockNanos)
        {
            return;
        }

        clockNanos = timestampNanos;
        if (lastSweepNanos == long.MinValue)
        {
            lastSweepNanos = clockNanos;
        }
        else if (clockNanos - lastSweepNanos > limits.IdleTimeoutNanos)
        {
            lastSweepNanos = clockNanos;
            EvictIdle();
        }
    }

    private void EvictIdle()
    {
        evictionScratch.Clear();
        streams.CopyTo(evictionScratch);
        foreach (var stream in evictionScratch)
        {
            if (clockNanos - stream.LastSeenNanos > limits.IdleTimeoutNanos)
            {
                Close(stream);
                evictions++;
            }
        }

        evictionScratch.Clear();
    }

    /// <summary>The table is full: forget idle streams, and if that is not enough the least recently seen quarter.</summary>
    private void MakeRoom()
    {
        EvictIdle();
        if (streams.Count < limits.MaxTcpStreams)
        {
            return;
        }

        streams.CopyTo(evictionScratch);
        evictionScratch.Sort(static (a, b) => a.LastSeenNanos.CompareTo(b.LastSeenNanos));
        var count = Math.Max(1, evictionScratch.Count / 4);
        for (var i = 0; i < count; i++)
        {
            Close(evictionScratch[i]);
            evictions++;
        }

        evictionScratch.Clear();
    }

    private void Report(in FrameInfo frame, string reason)
    {
        if (problems.Accepts())
        {
            problems.Add(dissection.RecordOffset, frame.Number, reason);
        }
    }
}
