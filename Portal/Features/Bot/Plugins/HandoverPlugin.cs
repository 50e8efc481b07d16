using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Portal.Features.Bot.Plugins;

/// <summary>Lets the LLM give the conversation to a person; the handover happens after its reply is sent.</summary>
public sealed class HandoverPlugin
{
    /// <summary>Set when the LLM asked for a person, with its reason.</summary>
    public string? Reason { get; private set; }

    [KernelFunction("hand_over_to_human"), Description("Hand the conversation to a human colleague: the shopper asks for one, is upset, wants an order changed, or the tools cannot answer.")]
    public string HandOver([Description("Why, in a few words")] string reason)
    {
        Reason = string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Trim();
        return "Done: a colleague takes over after your reply. Tell the shopper briefly that a person will continue here.";
    }
}
