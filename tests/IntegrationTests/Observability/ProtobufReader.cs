using System.Buffers.Binary;
using System.Text;

namespace EdaAspire.IntegrationTests.Observability;

/// <summary>
/// Just enough of the protobuf wire format (https://protobuf.dev/programming-guides/encoding/) to read what an
/// OTLP exporter sends: fields by number, varints, fixed 32/64-bit values and length-delimited bytes.
/// </summary>
public struct ProtobufReader(ReadOnlyMemory<byte> data)
{
    private int _position;

    public enum WireType
    {
        Varint = 0,
        Fixed64 = 1,
        LengthDelimited = 2,
        Fixed32 = 5,
    }

    public bool TryReadField(out int field, out WireType type)
    {
        if (_position >= data.Length)
        {
            (field, type) = (0, default);
            return false;
        }

        var tag = ReadVarint();
        (field, type) = ((int)(tag >> 3), (WireType)(tag & 7));
        return true;
    }

    public ulong ReadVarint()
    {
        var span = data.Span;
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A varint longer than 10 bytes.");
    }

    public ulong ReadFixed64()
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(data.Span[_position..]);
        _position += 8;
        return value;
    }

    public ReadOnlyMemory<byte> ReadBytes()
    {
        var length = (int)ReadVarint();
        var bytes = data.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes().Span);

    public void Skip(WireType type)
    {
        switch (type)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                _position += 8;
                break;
            case WireType.LengthDelimited:
                ReadBytes();
                break;
            case WireType.Fixed32:
                _position += 4;
                break;
            default:
                throw new FormatException($"Wire type {type} is not used by OTLP.");
        }
    }
}
