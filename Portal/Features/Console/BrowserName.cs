using System.Text.RegularExpressions;

namespace Portal.Features.Console;

/// <summary>Turns a User-Agent into what an agent wants to read: "Chrome 131 on macOS".</summary>
public static partial class BrowserName
{
    public static string? Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
            return null;
        var browser = Match(userAgent, EdgePattern(), "Edge") ?? Match(userAgent, WeChatPattern(), "WeChat")
            ?? Match(userAgent, ChromePattern(), "Chrome") ?? Match(userAgent, FirefoxPattern(), "Firefox")
            ?? Match(userAgent, SafariPattern(), "Safari") ?? "Browser";
        var os = userAgent.Contains("iPhone") || userAgent.Contains("iPad") ? "iOS"
            : userAgent.Contains("Android") ? "Android"
            : userAgent.Contains("Windows") ? "Windows"
            : userAgent.Contains("Mac OS X") ? "macOS"
            : userAgent.Contains("Linux") ? "Linux"
            : null;
        return os is null ? browser : $"{browser} on {os}";
    }

    private static string? Match(string userAgent, Regex pattern, string name) =>
        pattern.Match(userAgent) is { Success: true } m ? (m.Groups[1].Success ? $"{name} {m.Groups[1].Value}" : name) : null;

    [GeneratedRegex(@"Edg(?:e|A|iOS)?/(\d+)")] private static partial Regex EdgePattern();
    [GeneratedRegex(@"MicroMessenger/(\d+(?:\.\d+)?)")] private static partial Regex WeChatPattern();
    [GeneratedRegex(@"(?:Chrome|CriOS|HeadlessChrome)/(\d+)")] private static partial Regex ChromePattern();
    [GeneratedRegex(@"(?:Firefox|FxiOS)/(\d+)")] private static partial Regex FirefoxPattern();
    [GeneratedRegex(@"Version/(\d+(?:\.\d+)?).*Safari|(Safari)")] private static partial Regex SafariPattern();
}
