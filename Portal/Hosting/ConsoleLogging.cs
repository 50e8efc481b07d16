using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace Portal.Hosting;

/// <summary>
/// Portal logs to the console only. Unless the console is asked to print log scopes
/// (<c>Logging:Console:FormatterOptions:IncludeScopes</c>), it is registered without them: a logger that supports scopes
/// makes every <c>BeginScope</c> in the process (Kestrel's connection scope, SignalR's hub and transport scopes) an object
/// held in an async-local, and a widget's connection keeps its scopes, and the execution contexts that carry them, for
/// as long as it stays open, though nothing ever printed them.
/// </summary>
public static class ConsoleLogging
{
    public static WebApplicationBuilder AddConsoleLogging(this WebApplicationBuilder builder)
    {
        // The console only: every further provider (the default builder adds Debug and EventSource) would be one more.
        builder.Logging.ClearProviders().AddConsole();
        if (!builder.Configuration.GetValue<bool>("Logging:Console:FormatterOptions:IncludeScopes"))
            builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerProvider>(services =>
                new ScopelessConsoleProvider(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(services))));
        return builder;
    }

    /// <summary>The console provider, without <see cref="ISupportExternalScope"/>: its loggers' scopes are no-ops.</summary>
    [ProviderAlias("Console")]
    private sealed class ScopelessConsoleProvider(ConsoleLoggerProvider console) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => console.CreateLogger(categoryName);

        public void Dispose() => console.Dispose();
    }
}
