using Microsoft.Extensions.Options;
using Portal.Features.Sites;

namespace Portal.Features.Bot;

/// <summary>Whether the bot answers a site's new conversations first.</summary>
public sealed class BotAvailability(IOptionsMonitor<BotOptions> options)
{
    public bool AnswersFirstOn(Site site) => options.CurrentValue.Enabled && site.BotEnabled;
}
