using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Qwen.Analyzers.Json;

/// <summary>
/// A small, tolerant JSON reader for request bodies written as string literals. It never throws: malformed
/// text yields null. Objects remember where their opening brace is so a fix can insert members.
/// </summary>
internal static class MiniJson
{
    internal sealed class JsonObjectNode
    {
        public List<KeyValuePair<string, object?>> Members { get; } = new();

        /// <summary>For each member, how many times its name occurs in the text before the member's key.</summary>
        public Dictionary<string, int> KeyOrdinals { get; } = new();

        /// <summary>How many <c>{</c> characters precede this object's opening brace in the text.</summary>
        public int BraceOrdinal { get; set; }
    }

    internal sealed class JsonArrayNode
    {
        public List<object?> Items { get; } = new();
    }

    /// <summary>Parses a whole JSON document; null when the text is not one.</summary>
    public static object? Parse(string text, out bool ok)
    {
        var reader = new Reader(text);
        ok = reader.TryValue(out var value, 0) && reader.AtEnd();
        return ok ? value : null;
    }

    private sealed class Reader
    {
        private readonly string _text;
        private int _pos;

        public Reader(string text) => _text = text;

        public bool AtEnd()
        {
            SkipSpace();
            return _pos == _text.Length;
        }

        public bool TryValue(out object? value, int depth)
        {
            value = null;
            SkipSpace();
            if (_pos >= _text.Length || depth > 64)
                return false;
            var c = _text[_pos];
            switch (c)
            {
                case '{':
                    return TryObject(out value, depth);
                case '[':
                {
                    _pos++;
                    var array = new JsonArrayNode();
                    SkipSpace();
                    if (Peek() == ']')
                    {
                        _pos++;
                        value = array;
                        return true;
                    }

                    while (true)
                    {
                        if (!TryValue(out var item, depth + 1))
                            return false;
                        array.Items.Add(item);
                        SkipSpace();
                        if (Peek() == ',')
                        {
                            _pos++;
                            continue;
                        }

                        if (Peek() != ']')
                            return false;
                        _pos++;
                        value = array;
                        return true;
                    }
                }

                case '"':
                {
                    if (!TryString(out var s))
                        return false;
                    value = s;
                    return true;
                }

                default:
                    return TryLiteral(out value);
            }
        }

        private bool TryObject(out object? value, int depth)
        {
            value = null;
            var node = new JsonObjectNode { BraceOrdinal = CountBraces(_pos) };
            _pos++;
            SkipSpace();
            if (Peek() == '}')
            {
                _pos++;
                value = node;
                return true;
            }

            while (true)
            {
                SkipSpace();
                var keyStart = _pos;
                if (Peek() != '"' || !TryString(out var name))
                    return false;
                node.KeyOrdinals[name] = CountOccurrences(name, keyStart);
                SkipSpace();
                if (Peek() != ':')
                    return false;
                _pos++;
                if (!TryValue(out var member, depth + 1))
                    return false;
                node.Members.Add(new KeyValuePair<string, object?>(name, member));
                SkipSpace();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                if (Peek() != '}')
                    return false;
                _pos++;
                value = node;
                return true;
            }
        }

        private bool TryString(out string value)
        {
            value = "";
            var builder = new StringBuilder();
            _pos++;
            while (_pos < _text.Length)
            {
                var c = _text[_pos++];
                if (c == '"')
                {
                    value = builder.ToString();
                    return true;
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (_pos >= _text.Length)
                    return false;
                var escape = _text[_pos++];
                switch (escape)
                {
                    case 'n': builder.Append('\n'); break;
                    case 't': builder.Append('\t'); break;
                    case 'r': builder.Append('\r'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length
                            || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        {
                            return false;
                        }

                        builder.Append((char)code);
                        _pos += 4;
                        break;
                    default: builder.Append(escape); break;
                }
            }

            return false;
        }

        private bool TryLiteral(out object? value)
        {
            value = null;
            var start = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '-' or '+' or '.'))
                _pos++;
            var token = _text.Substring(start, _pos - start);
            switch (token)
            {
                case "true": value = true; return true;
                case "false": value = false; return true;
                case "null": value = null; return true;
            }

            if (long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
            {
                value = integer;
                return true;
            }

            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                value = number;
                return true;
            }

            return false;
        }

        private int CountOccurrences(string value, int end)
        {
            var count = 0;
            if (value.Length == 0)
                return 0;
            for (var i = _text.IndexOf(value, 0, System.StringComparison.Ordinal); i >= 0 && i < end; i = _text.IndexOf(value, i + 1, System.StringComparison.Ordinal))
                count++;
            return count;
        }

        private int CountBraces(int end)
        {
            var count = 0;
            for (var i = 0; i < end; i++)
            {
                if (_text[i] == '{')
                    count++;
            }

            return count;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void SkipSpace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
                _pos++;
        }
    }
}
