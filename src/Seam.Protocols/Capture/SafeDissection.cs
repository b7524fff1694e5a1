using Seam.Protocols.Dissection;

namespace Seam.Protocols.Capture;

/// <summary>
/// Calls dissectors so that one that throws costs only its own PDU: the exception becomes a problem naming the
/// frame and the dissector, and the run goes on. Dissectors are meant never to throw; this is the safety net.
/// </summary>
internal sealed class SafeDissection(FrameCountingSink sink, ProblemLog problems)
{
    /// <summary>Offset of the record being processed, for problems.</summary>
    public long RecordOffset { get; set; }

    public FrameCountingSink Sink => sink;

    public void Dissect(IDissector[] dissectors, in FrameInfo frame, ReadOnlySpan<byte> pdu)
    {
        foreach (var dissector in dissectors)
        {
            try
            {
                dissector.Dissect(frame, pdu, sink);
            }
#pragma warning disable CA1031 // A dissector's bug must not end the run; it is reported as a problem instead.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                Report(frame.Number, dissector, nameof(IDissector.Dissect), failure);
            }
        }
    }

    /// <summary>The first dissector's answer that is not -1 (several may share framing, like TPKT on port 102); -1 when none claims the bytes.</summary>
    public int PduLength(IDissector[] dissectors, long frameNumber, ReadOnlySpan<byte> stream)
    {
        foreach (var dissector in dissectors)
        {
            try
            {
                var length = dissector.PduLength(stream);
                if (length >= 0)
                {
                    return length;
                }
            }
#pragma warning disable CA1031 // As above: reported, and the stream resynchronises.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                Report(frameNumber, dissector, nameof(IDissector.PduLength), failure);
            }
        }

        return -1;
    }

    public IDissector? Recognise(IDissector[] candidates, long frameNumber, ReadOnlySpan<byte> firstPayload)
    {
        foreach (var dissector in candidates)
        {
            try
            {
                if (dissector.RecognisesStreamStart(firstPayload))
                {
                    return dissector;
                }
            }
#pragma warning disable CA1031 // As above.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                Report(frameNumber, dissector, nameof(IDissector.RecognisesStreamStart), failure);
            }
        }

        return null;
    }

    private void Report(long frameNumber, IDissector dissector, string method, Exception failure)
    {
        if (problems.Accepts())
        {
            problems.Add(RecordOffset, frameNumber,
                $"the {dissector.Protocol} dissector ({dissector.GetType().Name}.{method}) threw {failure.GetType().Name}: {failure.Message}");
        }
    }
}
