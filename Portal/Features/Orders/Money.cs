using System.Globalization;

namespace Portal.Features.Orders;

/// <summary>Amounts as shoppers and agents read them: the currency's symbol and two decimals (¥1,299.00, $139.00).</summary>
public static class Money
{
    public static string Format(decimal amount, string currency)
    {
        var symbol = currency switch { "CNY" or "JPY" => "¥", "USD" => "$", "EUR" => "€", "GBP" => "£", "TWD" => "NT$", "HKD" => "HK$", _ => currency + " " };
        return symbol + amount.ToString("N2", CultureInfo.InvariantCulture);
    }
}
