using QRCoder;

namespace Portal.Features.Account;

/// <summary>The shared key of an authenticator app, as a person types it, as an otpauth:// link and as a QR code.</summary>
public sealed record AuthenticatorKey(string Email, string Key)
{
    private const string Issuer = "Portal";

    /// <summary>The key in blocks of four, lower case, as authenticator apps accept it typed in.</summary>
    public string Grouped =>
        string.Join(' ', Key.ToLowerInvariant().Chunk(4).Select(block => new string(block)));

    /// <summary>The Key URI Format authenticator apps read from a QR code or a link.</summary>
    public string OtpAuthUri =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(Email)}" +
        $"?secret={Key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The <see cref="OtpAuthUri"/> as an SVG QR code, made here: nothing is sent to a QR service.</summary>
    public string QrCodeSvg()
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(OtpAuthUri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>A typed code without the spaces and dashes apps show for readability.</summary>
    public static string NormalizeCode(string code) => code.Replace(" ", "").Replace("-", "");
}
