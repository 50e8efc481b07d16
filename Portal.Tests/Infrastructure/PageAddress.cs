using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.Tests.Infrastructure;

/// <summary>Waiting for a page to arrive somewhere.</summary>
public static class PageAddress
{
    /// <summary>
    /// Waits until the page's address matches <paramref name="pattern"/> (a regular expression). The address is polled
    /// instead of awaited as a navigation: under full-suite load WaitForURLAsync has been seen to sit on a sign-in page
    /// that had already loaded, waiting for a load event of its own.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, string pattern, float timeoutMs = 30_000) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern), new() { Timeout = timeoutMs });
}
