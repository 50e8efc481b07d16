using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Portal.Tests.Features.Account;

/// <summary>What an authenticator app shows: RFC 6238 with a 30-second step, HMAC-SHA1 and 6 digits.</summary>
internal static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(hash[^1] & 0x0F)) & 0x7FFFFFFF;
        return (binary % 1_000_000).ToString("D6");
    }

    /// <summary>A code that was right ten minutes ago and is long expired now.</summary>
    public static string Expired(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow.AddMinutes(-10));

    /// <summary>RFC 4648 base32, read as people type it: any case, spaces allowed.</summary>
    private static byte[] FromBase32(string key)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in key.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
            }
        }
        return [.. bytes];
    }
}
