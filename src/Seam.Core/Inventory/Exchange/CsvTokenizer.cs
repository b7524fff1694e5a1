using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace Seam.Inventory.Exchange;

/// <summary>
/// Reads RFC 4180 records from a UTF-8 stream: quoted fields with doubled quotes and embedded line breaks,
/// CRLF or LF line ends, an optional BOM, and a delimiter detected from the header line (',' ';' or tab).
/// Decoding is strict: the first invalid byte stops the read with an error naming its offset and line.
/// Unquoted fields are trimmed; quoted fields are kept as written. Blank lines are skipped.
/// </summary>
internal sealed class CsvTokenizer
{
    private const int BufferSize = 64 * 1024;
    private const string Utf8Expected = "UTF-8 text (in Excel: Save As › CSV UTF-8)";

    private readonly Stream _stream;
    private readonly string _file;
    private readonly long _maxBytes;
    private readonly byte[] _bytes = new byte[BufferSize];
    private readonly char[] _chars = new char[BufferSize];
    private int _byteStart;
    private int _byteEnd;
    private long _bytesBeforeBuffer;
    private bool _streamDone;
    private int _charPos;
    private int _charLen;
    private bool _started;

    private char[] _text = new char[1024];
    private int _textLength;
    private int[] _fieldStarts = new int[32];
    private int[] _fieldEnds = new int[32];

    private SearchValues<char> _unquotedStops = SearchValues.Create(",\r\n");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n");

    public CsvTokenizer(Stream stream, string file, long maxBytes)
    {
        _stream = stream;
        _file = file;
        _maxBytes = maxBytes;
    }

    public char Delimiter { get; private set; } = ',';

    /// <summary>The line the current record starts on (1-based).</summary>
    public long RecordLine { get; private set; }

    /// <summary>The line being read; after the last record, the number of lines plus one.</summary>
    public long Line { get; private set; } = 1;

    public int FieldCount { get; private set; }

    /// <summary>Set when the read stopped on bad input (invalid UTF-8, a quote left open, a file over the limit).</summary>
    public ImportError? Error { get; private set; }

    public ReadOnlySpan<char> this[int index] => _text.AsSpan(_fieldStarts[index], _fieldEnds[index] - _fieldStarts[index]);

    public string[] Fields()
    {
        var fields = new string[FieldCount];
        for (var i = 0; i < FieldCount; i++)
        {
            fields[i] = this[i].ToString();
        }

        return fields;
    }

    /// <summary>Reads the next record; false at the end of the file or on an error (see <see cref="Error"/>).</summary>
    public bool ReadRecord()
    {
        if (!_started)
        {
            Start();
        }

        FieldCount = 0;
        _textLength = 0;
        while (true)
        {
            if (!HasChar())
            {
                return false;
            }

            var first = _chars[_charPos];
            if (first is '\r' or '\n')
            {
                ConsumeLineBreak(first);
                continue;
            }

            break;
        }

        RecordLine = Line;
        while (true)
        {
            if (!ReadField())
            {
                return false;
            }

            if (!HasChar())
            {
                return Error is null;
            }

            var next = _chars[_charPos];
            if (next == Delimiter)
            {
                _charPos++;
                if (!HasChar())
                {
                    AddField(_textLength); // "a,b," at end of file: a last empty field
                    return Error is null;
                }

                continue;
            }

            ConsumeLineBreak(next);
            return true;
        }
    }

    private void Start()
    {
        _started = true;
        if (!HasChar())
        {
            return;
        }

        if (_chars[_charPos] == '\uFEFF')
        {
            _charPos++;
        }

        Delimiter = DetectDelimiter(_chars.AsSpan(_charPos, _charLen - _charPos));
        _unquotedStops = SearchValues.Create([Delimiter, '\r', '\n']);
    }

    /// <summary>The most frequent of ',', ';' and tab on the header line, outside quotes; ',' when none appears.</summary>
    private static char DetectDelimiter(ReadOnlySpan<char> start)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var ch in start)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && ch is '\r' or '\n')
            {
                break;
            }
            else if (!quoted)
            {
                commas += ch == ',' ? 1 : 0;
                semicolons += ch == ';' ? 1 : 0;
                tabs += ch == '\t' ? 1 : 0;
            }
        }

        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    private bool ReadField()
    {
        var start = _textLength;
        if (_chars[_charPos] == '"')
        {
            var quoteLine = Line;
            _charPos++;
            if (!ReadQuoted(quoteLine))
            {
                return false;
            }

            var quotedEnd = _textLength;
            ReadUnquoted(); // lenient: text after the closing quote belongs to the field
            if (_textLength > quotedEnd)
            {
                _textLength = quotedEnd + TrimEnd(_text.AsSpan(quotedEnd, _textLength - quotedEnd));
            }
        }
        else
        {
            ReadUnquoted();
            var span = _text.AsSpan(start, _textLength - start);
            var trimmed = span.Trim(' ');
            var lead = span.Length - span.TrimStart(' ').Length;
            if (lead > 0 && trimmed.Length > 0)
            {
                trimmed.CopyTo(_text.AsSpan(start));
            }

            _textLength = start + trimmed.Length;
        }

        AddField(start);
        return Error is null;
    }

    private static int TrimEnd(ReadOnlySpan<char> text) => text.TrimEnd(' ').Length;

    private void ReadUnquoted()
    {
        while (HasChar())
        {
            var span = _chars.AsSpan(_charPos, _charLen - _charPos);
            var stop = span.IndexOfAny(_unquotedStops);
            if (stop < 0)
            {
                Append(span);
                _charPos = _charLen;
                continue;
            }

            Append(span[..stop]);
            _charPos += stop;
            return;
        }
    }

    private bool ReadQuoted(long quoteLine)
    {
        while (true)
        {
            if (!HasChar())
            {
                Error ??= new ImportError(_file, quoteLine, null, null,
                    $"the file ends inside a quoted field that starts on line {quoteLine.ToString(CultureInfo.InvariantCulture)} (the file may be truncated)",
                    "a closing '\"'");
                return false;
            }

            var span = _chars.AsSpan(_charPos, _charLen - _charPos);
            var stop = span.IndexOfAny(QuotedStops);
            if (stop < 0)
            {
                Append(span);
                _charPos = _charLen;
                continue;
            }

            Append(span[..stop]);
            _charPos += stop;
            var ch = _chars[_charPos++];
            if (ch == '"')
            {
                if (HasChar() && _chars[_charPos] == '"')
                {
                    Append("\"");
                    _charPos++;
                    continue;
                }

                return Error is null;
            }

            Append([ch]);
            if (ch == '\n')
            {
                Line++;
            }
            else if (!HasChar() || _chars[_charPos] != '\n')
            {
                Line++; // a lone CR ends a line too
            }
        }
    }

    private void ConsumeLineBreak(char first)
    {
        _charPos++;
        if (first == '\r' && HasChar() && _chars[_charPos] == '\n')
        {
            _charPos++;
        }

        Line++;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_textLength + chars.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + chars.Length));
        }

        chars.CopyTo(_text.AsSpan(_textLength));
        _textLength += chars.Length;
    }

    private void AddField(int start)
    {
        if (FieldCount == _fieldStarts.Length)
        {
            Array.Resize(ref _fieldStarts, FieldCount * 2);
            Array.Resize(ref _fieldEnds, FieldCount * 2);
        }

        _fieldStarts[FieldCount] = start;
        _fieldEnds[FieldCount] = _textLength;
        FieldCount++;
    }

    /// <summary>True when a decoded char is available at <see cref="_charPos"/>; decodes more bytes as needed.</summary>
    private bool HasChar() => _charPos < _charLen || Fill();

    private bool Fill()
    {
        _charPos = 0;
        _charLen = 0;
        while (_charLen == 0)
        {
            if (Error is not null)
            {
                return false;
            }

            if (!_streamDone && _byteEnd - _byteStart < 4)
            {
                ReadBytes();
                if (Error is not null)
                {
                    return false;
                }
            }

            if (_byteStart == _byteEnd && _streamDone)
            {
                return false;
            }

            var status = Utf8.ToUtf16(_bytes.AsSpan(_byteStart, _byteEnd - _byteStart), _chars, out var read, out var written,
                replaceInvalidSequences: false, isFinalBlock: _streamDone);
            _byteStart += read;
            _charLen = written;
            if (status == OperationStatus.InvalidData && written == 0)
            {
                // Everything before the bad byte has been consumed, so Line is the bad byte's line.
                Error = EncodingError(_bytesBeforeBuffer + _byteStart, _bytes[_byteStart]);
                return false;
            }
        }

        return true;
    }

    private void ReadBytes()
    {
        var remaining = _byteEnd - _byteStart;
        _bytes.AsSpan(_byteStart, remaining).CopyTo(_bytes);
        _bytesBeforeBuffer += _byteStart;
        _byteStart = 0;
        _byteEnd = remaining;
        while (_byteEnd < _bytes.Length)
        {
            var read = _stream.Read(_bytes, _byteEnd, _bytes.Length - _byteEnd);
            if (read == 0)
            {
                _streamDone = true;
                break;
            }

            _byteEnd += read;
        }

        if (_bytesBeforeBuffer + _byteEnd > _maxBytes)
        {
            Error = new ImportError(_file, null, null, null,
                $"the file is larger than the limit of {Sizes.Describe(_maxBytes)}", $"at most {Sizes.Describe(_maxBytes)}");
        }
    }

    private ImportError EncodingError(long offset, byte value)
    {
        var at = offset.ToString(CultureInfo.InvariantCulture);
        if (offset == 0 && _byteEnd >= 2 && ((_bytes[0] == 0xFF && _bytes[1] == 0xFE) || (_bytes[0] == 0xFE && _bytes[1] == 0xFF)))
        {
            return new ImportError(_file, 1, null, null, "the file is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8", Utf8Expected);
        }

        return new ImportError(_file, Line, null, null,
            $"byte 0x{value:X2} at offset {at} is not valid UTF-8 (the file may be saved as Windows-1252 or Latin-1)", Utf8Expected);
    }
}

internal static class Sizes
{
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 => $"{(bytes / (1024.0 * 1024 * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} GB",
        >= 1024L * 1024 => $"{(bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MB",
        >= 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KB",
        _ => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
    };
}
