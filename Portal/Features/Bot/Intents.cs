namespace Portal.Features.Bot;

/// <summary>The retail intent taxonomy of SPEC §4.6.</summary>
public static class Intents
{
    public const string Greeting = "greeting";
    public const string OrderStatus = "order_status";
    public const string ShippingTime = "shipping_time";
    public const string CancelOrder = "cancel_order";
    public const string ChangeAddress = "change_address";
    public const string ReturnRefund = "return_refund";
    public const string Exchange = "exchange";
    public const string Promotion = "promotion";
    public const string ProductInfo = "product_info";
    public const string Payment = "payment";
    public const string Invoice = "invoice";
    public const string Complaint = "complaint";
    public const string HumanAgent = "human_agent";
    public const string ThanksGoodbye = "thanks_goodbye";

    /// <summary>Not one of the intents: the message says nothing the classifier can read (empty, emoji only, symbols).</summary>
    public const string Unknown = "unknown";

    public static readonly IReadOnlyList<string> All =
    [
        Greeting, OrderStatus, ShippingTime, CancelOrder, ChangeAddress, ReturnRefund, Exchange,
        Promotion, ProductInfo, Payment, Invoice, Complaint, HumanAgent, ThanksGoodbye,
    ];
}
