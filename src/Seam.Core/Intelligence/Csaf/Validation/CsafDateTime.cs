namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// RFC 3339 <c>date-time</c> as CSAF uses it (<c>2021-07-21T10:00:00.00010Z</c>, <c>…+02:00</c>). Written by hand
/// because fractions of any length must order correctly (the official 6.1.14 tests differ in the fifth digit),
/// which the framework's parsers do not accept beyond seven digits. Digits past the seventh are dropped.
/// </summary>
internal static class CsafDateTime
{
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan();
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] is not ('T' or 't')) || s[13] != ':' || s[16] != ':'
            || !Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute)
            || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var rest = s[19..];
        long fractionTicks = 0;
        if (rest.Length > 0 && rest[0] == '.')
        {
            var end = 1;
            while (end < rest.Length && char.IsAsciiDigit(rest[end]))
            {
                end++;
            }

            if (end == 1)
            {
                return false;
            }

            var digits = rest[1..end];
            for (var i = 0; i < 7; i++)
            {
                fractionTicks = (fractionTicks * 10) + (i < digits.Length ? digits[i] - '0' : 0);
            }

            rest = rest[end..];
        }

        TimeSpan offset;
        if (rest is ['Z' or 'z'])
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':'
                 && Digits(rest.Slice(1, 2), out var offsetHours) && Digits(rest.Slice(4, 2), out var offsetMinutes)
                 && offsetHours < 24 && offsetMinutes < 60)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (rest[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23
            || minute > 59 || second > 60)
        {
            return false;
        }

        try
        {
            // RFC 3339 allows a leap second (:60); order it as the following instant.
            var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified)
                .AddTicks(fractionTicks + (second == 60 ? TimeSpan.TicksPerSecond : 0));
            value = new DateTimeOffset(local, offset).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // an offset that moves 0001-01-01 or 9999-12-31 outside DateTimeOffset's range
        }
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
