using Portal.Features.Bot;
using Portal.Features.Knowledge;

namespace Portal.Features.Demo;

/// <summary>The demo shop's FAQ: twelve topics of a clothing shop, each in zh-Hans, zh-Hant and English, tagged with its intent.</summary>
public static class DemoKnowledge
{
    public sealed record Article(string Intent, string Locale, string Title, string Keywords, string Body);

    private const string Hans = KnowledgeLocales.SimplifiedChinese;
    private const string Hant = KnowledgeLocales.TraditionalChinese;
    private const string En = KnowledgeLocales.English;

    public static readonly IReadOnlyList<Article> Articles =
    [
        new(Intents.ShippingTime, Hans, "发货和配送时效", "发货 什么时候发货 多久到 几天到 快递 物流 配送时间 送达",
            "现货商品在付款后 24 小时内发货，每天 16:00 前付款的订单当天发出；预售商品以商品页标注的发货日期为准。" +
            "我们使用顺丰速运和中通快递：江浙沪一般 1–2 天送达，其他省份 2–4 天，新疆、西藏、青海等偏远地区 5–7 天，港澳台 5–8 天。" +
            "发货后会短信通知您运单号，也可以在“我的订单”里随时查看物流。"),
        new(Intents.ShippingTime, Hant, "出貨和配送時效", "出貨 發貨 什麼時候出貨 多久到 幾天到 快遞 物流 配送時間 送達",
            "現貨商品在付款後 24 小時內出貨，每天 16:00 前付款的訂單當天寄出；預購商品以商品頁標註的出貨日期為準。" +
            "我們使用順豐速運和中通快遞：江浙滬一般 1–2 天送達，其他省份 2–4 天，新疆、西藏、青海等偏遠地區 5–7 天，港澳台 5–8 天。" +
            "出貨後會以簡訊通知您運單號碼，也可以在「我的訂單」裡隨時查看物流。"),
        new(Intents.ShippingTime, En, "Shipping and delivery times", "ship dispatch delivery arrive how long days courier tracking",
            "Items in stock ship within 24 hours of payment; orders paid before 4 pm (China time) leave the same day. Pre-order items ship " +
            "on the date shown on the product page. We ship with SF Express and ZTO: 1–2 days to Shanghai, Jiangsu and Zhejiang, 2–4 days " +
            "to other provinces, 5–7 days to remote regions such as Xinjiang, Tibet and Qinghai, and 5–8 days to Hong Kong, Macau and Taiwan. " +
            "You get the tracking number by text message once your parcel ships, and can follow it under My orders."),

        new(Intents.ShippingTime, Hans, "运费和配送范围", "运费 邮费 包邮 免运费 配送范围 能寄到 偏远地区 港澳台 海外",
            "订单实付满 99 元包邮，不满 99 元收取运费 10 元。新疆、西藏、青海、内蒙古等偏远地区运费 20 元，满 199 元包邮。" +
            "港澳台地区运费 30 元，满 299 元包邮。目前暂不支持寄往其他海外国家和地区。"),
        new(Intents.ShippingTime, Hant, "運費和配送範圍", "運費 郵費 包郵 免運 免運費 配送範圍 能寄到 偏遠地區 港澳台 海外",
            "訂單實付滿 99 元免運，未滿 99 元收取運費 10 元。新疆、西藏、青海、內蒙古等偏遠地區運費 20 元，滿 199 元免運。" +
            "港澳台地區運費 30 元，滿 299 元免運。目前暫不支援寄往其他海外國家和地區。"),
        new(Intents.ShippingTime, En, "Shipping fees and where we deliver", "shipping cost fee free shipping postage regions overseas international",
            "Shipping is free on orders of ¥99 or more; below that it costs ¥10. Remote regions (Xinjiang, Tibet, Qinghai, Inner Mongolia) " +
            "pay ¥20, free from ¥199. Hong Kong, Macau and Taiwan pay ¥30, free from ¥299. We do not ship to other countries yet."),

        new(Intents.ReturnRefund, Hans, "7 天无理由退货", "退货 退掉 不想要了 七天无理由 7天无理由 退回 寄回 怎么退",
            "签收之日起 7 天内，商品未穿着、未洗涤、吊牌完好，都可以申请无理由退货，羽绒服、大衣等外套同样适用。" +
            "在“我的订单”中点击“申请退货”，填写原因后按页面上的地址寄回即可。质量问题的退货运费由我们承担；" +
            "无理由退货的寄回运费由您承担（购买了运费险的可获得理赔）。袜子、内衣等贴身商品不支持无理由退货。"),
        new(Intents.ReturnRefund, Hant, "7 天無理由退貨", "退貨 退掉 不想要了 七天無理由 7天無理由 退回 寄回 怎麼退",
            "簽收之日起 7 天內，商品未穿著、未洗滌、吊牌完好，都可以申請無理由退貨，羽絨服、大衣等外套同樣適用。" +
            "在「我的訂單」中點選「申請退貨」，填寫原因後依頁面上的地址寄回即可。品質問題的退貨運費由我們負擔；" +
            "無理由退貨的寄回運費由您負擔（購買了運費險的可獲得理賠）。襪子、內衣等貼身商品不支援無理由退貨。"),
        new(Intents.ReturnRefund, En, "Returns within 7 days, no reason needed", "return send back unwanted 7 days no questions asked",
            "You can return anything within 7 days of delivery without giving a reason, as long as it is unworn, unwashed and still has its " +
            "tags; this includes down jackets and coats. Open the order under My orders, choose Request a return, give a reason and send the " +
            "item to the address shown. We pay the return postage for faulty items; for other returns you pay it (shipping insurance, if you " +
            "bought it, refunds it). Socks and underwear cannot be returned without a fault."),

        new(Intents.ReturnRefund, Hans, "退款多久到账", "退款 退钱 钱什么时候退 到账 退款进度 没收到退款",
            "我们收到退回的商品并检查无误后，会在 1–2 个工作日内办理退款，款项按原支付方式退回：微信支付、支付宝一般 1–3 个工作日到账，" +
            "银行卡 3–7 个工作日到账。未发货的订单取消后立即退款。超过以上时间仍未到账，请联系客服并提供订单号。"),
        new(Intents.ReturnRefund, Hant, "退款多久到帳", "退款 退錢 錢什麼時候退 到帳 退款進度 沒收到退款",
            "我們收到退回的商品並檢查無誤後，會在 1–2 個工作天內辦理退款，款項依原付款方式退回：微信支付、支付寶一般 1–3 個工作天到帳，" +
            "銀行卡 3–7 個工作天到帳。未出貨的訂單取消後立即退款。超過以上時間仍未到帳，請聯絡客服並提供訂單編號。"),
        new(Intents.ReturnRefund, En, "When will I get my refund?", "refund money back refunded timing not received",
            "Once your return arrives and passes a quick check, we issue the refund within 1–2 working days, to the way you paid: WeChat Pay " +
            "and Alipay usually show it within 1–3 working days, bank cards within 3–7. Orders cancelled before shipping are refunded at once. " +
            "If it takes longer, contact us with your order number."),

        new(Intents.Exchange, Hans, "换尺码、换颜色", "换货 换码 换尺码 换大一码 换小一码 换颜色 尺码不合适 太大 太小",
            "签收 7 天内，商品未穿着、吊牌完好，可以免费更换同款的其他尺码或颜色，每个订单可免费换货一次。" +
            "在“我的订单”中点击“申请换货”，选择想要的尺码或颜色并寄回原商品，我们收到后 48 小时内寄出新商品。" +
            "想要的尺码或颜色缺货时，可以改为退货退款。"),
        new(Intents.Exchange, Hant, "換尺碼、換顏色", "換貨 換碼 換尺碼 換大一碼 換小一碼 換顏色 尺碼不合適 太大 太小",
            "簽收 7 天內，商品未穿著、吊牌完好，可以免費更換同款的其他尺碼或顏色，每張訂單可免費換貨一次。" +
            "在「我的訂單」中點選「申請換貨」，選擇想要的尺碼或顏色並寄回原商品，我們收到後 48 小時內寄出新商品。" +
            "想要的尺碼或顏色缺貨時，可以改為退貨退款。"),
        new(Intents.Exchange, En, "Exchanging for another size or colour", "exchange swap size colour color too big too small fit",
            "Within 7 days of delivery you can exchange an unworn item with its tags for another size or colour of the same product, free " +
            "once per order. Open the order under My orders, choose Request an exchange, pick the size or colour you want and send the item " +
            "back; we ship the new one within 48 hours of receiving it. If the size or colour you want is sold out, you can return it for a refund instead."),

        new(Intents.Payment, Hans, "支付方式", "付款 支付 付钱 怎么付 微信支付 支付宝 花呗 信用卡 银行卡 货到付款",
            "支持微信支付、支付宝（含花呗分期）、银联云闪付，以及各大银行的信用卡和借记卡（Visa、Mastercard 也可使用）。" +
            "订单提交后请在 30 分钟内付款，超时会自动取消。暂不支持货到付款。" +
            "如果已经扣款但订单仍显示未付款，请不要重复付款，系统会在 15 分钟内自动同步；仍未同步请联系客服。"),
        new(Intents.Payment, Hant, "付款方式", "付款 支付 付錢 怎麼付 微信支付 支付寶 信用卡 銀行卡 貨到付款",
            "支援微信支付、支付寶、銀聯雲閃付，以及各大銀行的信用卡和金融卡（Visa、Mastercard、JCB 也可使用）。" +
            "訂單送出後請在 30 分鐘內付款，逾時會自動取消。暫不支援貨到付款。" +
            "如果已經扣款但訂單仍顯示未付款，請不要重複付款，系統會在 15 分鐘內自動同步；仍未同步請聯絡客服。"),
        new(Intents.Payment, En, "Payment methods", "pay payment card credit card wechat alipay cash on delivery",
            "We accept WeChat Pay, Alipay (including Huabei instalments), UnionPay QuickPass, and credit and debit cards, Visa and Mastercard " +
            "included. Please pay within 30 minutes of placing the order, or it is cancelled automatically. Cash on delivery is not available. " +
            "If you were charged but the order still says unpaid, do not pay again: it updates within 15 minutes, and if not, contact us."),

        new(Intents.Invoice, Hans, "开发票", "发票 开票 电子发票 专票 增值税 抬头 税号 报销 补开发票",
            "所有订单都可以开具电子发票（增值税普通发票）：下单时在“发票”一栏填写抬头和税号即可。" +
            "下单时忘了填写的，签收后 30 天内可以在“我的订单 → 申请开票”补开。电子发票在签收后 3 个工作日内发送到您的邮箱。" +
            "需要增值税专用发票的企业顾客，请联系客服并提供开票资料。"),
        new(Intents.Invoice, Hant, "開發票", "發票 開票 電子發票 專票 增值稅 抬頭 稅號 統編 報銷 補開發票",
            "所有訂單都可以開立電子發票（增值稅普通發票）：下單時在「發票」一欄填寫抬頭和稅號即可。" +
            "下單時忘了填寫的，簽收後 30 天內可以在「我的訂單 → 申請開票」補開。電子發票在簽收後 3 個工作天內寄到您的電子信箱。" +
            "需要增值稅專用發票的企業顧客，請聯絡客服並提供開票資料。"),
        new(Intents.Invoice, En, "Invoices", "invoice receipt vat fapiao tax company reimbursement",
            "Every order can get an electronic invoice (a standard VAT fapiao): enter the invoice title and tax number in the Invoice field " +
            "at checkout. Forgot? Request one under My orders → Request invoice within 30 days of delivery. The e-invoice reaches your e-mail " +
            "within 3 working days of delivery. Companies that need a special VAT invoice, please contact us with your billing details."),

        new(Intents.Promotion, Hans, "当前优惠活动：买一送一、满减", "优惠 活动 打折 折扣 买一送一 满减 优惠券 促销 新人 会员",
            "本月“冬季上新”活动：1. 指定商品买一送一——带“买一送一”标签的 T 恤、卫衣和围巾，买一件送一件同款（赠品颜色可选，尺码与购买件相同），" +
            "是送一件，不是减价；2. 全场满 300 减 30、满 600 减 80，可与买一送一同时使用；3. 新会员首单立减 20 元。" +
            "活动截至本月最后一天 23:59，优惠在结算页自动计算，无需领券。"),
        new(Intents.Promotion, Hant, "目前優惠活動：買一送一、滿額折扣", "優惠 活動 打折 折扣 買一送一 滿減 滿額折 優惠券 促銷 新人 會員",
            "本月「冬季新品」活動：1. 指定商品買一送一——有「買一送一」標籤的 T 恤、衛衣和圍巾，買一件送一件同款（贈品顏色可選，尺碼與購買件相同），" +
            "是送一件，不是減價；2. 全館滿 300 減 30、滿 600 減 80，可與買一送一同時使用；3. 新會員首單立減 20 元。" +
            "活動至本月最後一天 23:59，優惠在結帳頁自動計算，不需領券。"),
        new(Intents.Promotion, En, "Current offers: buy one get one free, spend and save", "offer promotion sale discount coupon deal bogo buy one get one free",
            "This month's Winter New In offers: 1. Buy one get one free on selected items: T-shirts, hoodies and scarves with the \"Buy one get " +
            "one free\" label come with a second one of the same item free (any colour, same size). 2. ¥30 off orders over ¥300 and ¥80 off " +
            "over ¥600, on top of buy one get one free. 3. ¥20 off a new member's first order. Offers end at 23:59 on the last day of the " +
            "month and are applied at checkout automatically; no coupon needed."),

        new(Intents.ChangeAddress, Hans, "发货前修改收货地址", "改地址 修改地址 换地址 地址写错 填错地址 收货地址 收件人 电话写错",
            "订单发货前可以自己修改收货地址：在“我的订单”中打开订单，点击“修改地址”，填写新地址后保存。" +
            "订单显示“已发货”后就不能在系统里修改了，请尽快联系客服，我们会尽量联系快递改派（可能产生额外运费）。" +
            "为了安全，地址修改后会以短信通知您。"),
        new(Intents.ChangeAddress, Hant, "出貨前修改收件地址", "改地址 修改地址 換地址 地址寫錯 填錯地址 收件地址 收貨地址 收件人 電話寫錯",
            "訂單出貨前可以自行修改收件地址：在「我的訂單」中開啟訂單，點選「修改地址」，填寫新地址後儲存。" +
            "訂單顯示「已出貨」後就無法在系統裡修改了，請盡快聯絡客服，我們會盡量聯絡快遞改派（可能產生額外運費）。" +
            "為了安全，地址修改後會以簡訊通知您。"),
        new(Intents.ChangeAddress, En, "Changing the delivery address before shipping", "change address wrong address update delivery address recipient phone",
            "Until your order ships you can change its address yourself: open the order under My orders, choose Change address, enter the " +
            "new one and save. Once the order shows Shipped it can no longer be changed there; contact us quickly and we will ask the courier " +
            "to redirect it (which may cost extra). For your safety we text you whenever an address changes."),

        new(Intents.CancelOrder, Hans, "发货前取消订单", "取消订单 不要了 取消 撤单 退单 不想买了",
            "订单发货前可以随时取消：在“我的订单”中打开订单，点击“取消订单”并选择原因，款项原路退回（微信支付、支付宝 1–3 个工作日到账）。" +
            "订单已发货就不能取消了，您可以拒收包裹，或签收后申请 7 天无理由退货，我们收到退回的商品后为您退款。"),
        new(Intents.CancelOrder, Hant, "出貨前取消訂單", "取消訂單 不要了 取消 撤單 退單 不想買了",
            "訂單出貨前可以隨時取消：在「我的訂單」中開啟訂單，點選「取消訂單」並選擇原因，款項原路退回（微信支付、支付寶 1–3 個工作天到帳）。" +
            "訂單已出貨就無法取消了，您可以拒收包裹，或簽收後申請 7 天無理由退貨，我們收到退回的商品後為您退款。"),
        new(Intents.CancelOrder, En, "Cancelling an order before it ships", "cancel order cancellation changed my mind don't want",
            "You can cancel an order any time before it ships: open it under My orders, choose Cancel order and pick a reason; the money goes " +
            "back the way you paid (1–3 working days for WeChat Pay and Alipay). Once it has shipped it can no longer be cancelled: refuse the " +
            "parcel, or return it within 7 days of delivery, and we refund you when it is back with us."),

        new(Intents.ProductInfo, Hans, "羽绒服怎么洗、怎么保养", "羽绒服 怎么洗 清洗 水洗 干洗 保养 钻绒 跑绒 收纳",
            "我们的羽绒服填充 90% 白鸭绒。1. 建议干洗，或用中性洗涤剂在 30°C 以下手洗，不要漂白，不要机器甩干；" +
            "2. 洗后平铺晾干，干透后轻轻拍打，让绒恢复蓬松；3. 收纳时不要真空压缩，挂在透气的收纳袋里；" +
            "4. 局部弄脏可以用湿毛巾蘸少量洗涤剂擦拭。偶尔有少量钻绒属于正常现象，请不要拔出，从反面轻轻拉回即可。"),
        new(Intents.ProductInfo, Hant, "羽絨服怎麼洗、怎麼保養", "羽絨服 羽絨外套 怎麼洗 清洗 水洗 乾洗 保養 鑽絨 跑絨 收納",
            "我們的羽絨服填充 90% 白鴨絨。1. 建議乾洗，或用中性洗劑在 30°C 以下手洗，不要漂白，不要機器脫水；" +
            "2. 洗後平鋪晾乾，乾透後輕輕拍打，讓絨恢復蓬鬆；3. 收納時不要真空壓縮，掛在透氣的收納袋裡；" +
            "4. 局部弄髒可以用濕毛巾沾少量洗劑擦拭。偶爾有少量鑽絨屬於正常現象，請不要拔出，從反面輕輕拉回即可。"),
        new(Intents.ProductInfo, En, "Caring for your down jacket", "down jacket puffer coat wash washing clean care dry cleaning feathers storage",
            "Our down jackets are filled with 90% white duck down. 1. Dry-clean them, or hand-wash below 30 °C with a mild detergent; no bleach " +
            "and no spin-drying. 2. Dry flat, then pat the jacket gently to fluff the down back up. 3. Do not vacuum-pack it; hang it in a " +
            "breathable bag. 4. Wipe small stains with a damp cloth and a little detergent. A few feathers poking through is normal: pull them " +
            "back in from the inside rather than out."),

        new(Intents.ProductInfo, Hans, "羽绒服尺码怎么选", "羽绒服 尺码 码数 选码 多大码 尺码表 身高 体重 偏大 偏小 穿什么码",
            "羽绒服是宽松版型，建议按平时的尺码选择；想内搭厚毛衣的可以选大一码。参考：S 码适合身高 155–165 cm、体重 45–55 kg；" +
            "M 码 165–172 cm、55–65 kg；L 码 172–178 cm、65–75 kg；XL 码 178–185 cm、75–85 kg。" +
            "衣长、胸围等数据见商品页的尺码表；拿不准的话告诉我们身高体重，客服帮您推荐。"),
        new(Intents.ProductInfo, Hant, "羽絨服尺碼怎麼選", "羽絨服 羽絨外套 尺碼 碼數 選碼 多大碼 尺碼表 身高 體重 偏大 偏小 穿什麼碼",
            "羽絨服是寬鬆版型，建議依平常的尺碼選擇；想內搭厚毛衣的可以選大一碼。參考：S 碼適合身高 155–165 cm、體重 45–55 kg；" +
            "M 碼 165–172 cm、55–65 kg；L 碼 172–178 cm、65–75 kg；XL 碼 178–185 cm、75–85 kg。" +
            "衣長、胸圍等數據見商品頁的尺碼表；拿不準的話告訴我們身高體重，客服幫您推薦。"),
        new(Intents.ProductInfo, En, "Down jacket size guide", "down jacket puffer size sizing fit chart height weight which size",
            "Our down jackets have a relaxed fit: take your usual size, or one size up to wear a thick jumper underneath. As a guide: S fits " +
            "155–165 cm and 45–55 kg; M 165–172 cm and 55–65 kg; L 172–178 cm and 65–75 kg; XL 178–185 cm and 75–85 kg. The size chart on the " +
            "product page gives lengths and chest widths; unsure? Tell us your height and weight and we will recommend a size."),
    ];
}
