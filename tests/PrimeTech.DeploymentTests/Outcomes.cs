using System.Globalization;

namespace PrimeTech.DeploymentTests;

/// <summary>What the deployment's database and mailbox hold for orders: receipts, licences, emails, the invoice series.</summary>
public static partial class Outcomes
{
    /// <summary>
    /// Waits until every order has a receipt, then checks each has exactly one receipt, one licence
    /// per licensed item and each email once. Once means one Message-ID: an instance killed between
    /// SMTP's answer and the delivery log's write sends that email again on recovery, as the same
    /// message (the same Message-ID), which the customer's mail client shows once.
    /// </summary>
    public static async Task AssertEachPaidOnceAsync(Deployment deployment, IReadOnlyCollection<CheckedOut> orders, TimeSpan deadline)
    {
        var numbers = orders.Select(o => o.OrderNumber).ToArray();
        await Eventually.TrueAsync(async () =>
                (await ReceiptsForAsync(numbers)).Distinct().Count() == numbers.Length
                && (await LicencesForAsync(numbers)).Distinct().Count() == numbers.Length,
            $"receipts and licences of {numbers.Length} orders", deadline);

        Assert.Equal(numbers.Order(), (await ReceiptsForAsync(numbers)).Order());
        Assert.Equal(numbers.Order(), (await LicencesForAsync(numbers)).Order());

        bool HasBothEmails(IReadOnlyList<DeliveredEmail> mail, CheckedOut order) =>
            Subjects(mail, order).Any(s => IsReceipt(s, order)) && Subjects(mail, order).Contains(LicenceEmail(order));
        await Eventually.TrueAsync(async () =>
        {
            var mail = await deployment.Mail.AllAsync();
            return orders.All(o => HasBothEmails(mail, o));
        }, $"the receipt and licence emails of {numbers.Length} orders", deadline);

        var delivered = await deployment.Mail.AllAsync();
        foreach (var order in orders)
        {
            Assert.Single(MessageIds(delivered, order, s => IsReceipt(s, order)));
            Assert.Single(MessageIds(delivered, order, s => s == LicenceEmail(order)));
        }
    }

    private static List<string> Subjects(IReadOnlyList<DeliveredEmail> mail, CheckedOut order) =>
        [.. MailSink.For(mail, order.Customer.Email).Select(m => m.Subject)];

    private static List<string?> MessageIds(IReadOnlyList<DeliveredEmail> mail, CheckedOut order, Func<string, bool> subject) =>
        [.. MailSink.For(mail, order.Customer.Email).Where(m => subject(m.Subject)).Select(m => m.MessageId).Distinct()];

    private static bool IsReceipt(string subject, CheckedOut order) =>
        subject.StartsWith("Receipt RCP-", StringComparison.Ordinal) && subject.EndsWith($" for order {order.OrderNumber}", StringComparison.Ordinal);

    private static string LicenceEmail(CheckedOut order) => $"Your licence keys for order {order.OrderNumber}";

    public static Task<List<string>> ReceiptsForAsync(string[] orderNumbers) =>
        Deployment.QueryAsync<string>("select data->>'orderNumber' from billing.mt_doc_receipt where data->>'orderNumber' = any($1)", orderNumbers);

    public static Task<List<string>> LicencesForAsync(string[] orderNumbers) =>
        Deployment.QueryAsync<string>("select data->>'orderNumber' from licensing.mt_doc_licence where data->>'orderNumber' = any($1)", orderNumbers);

    /// <summary>Every invoice number of this year's series, each once, 1 to N without a gap.</summary>
    public static async Task AssertInvoiceSeriesGapFreeAsync()
    {
        var year = DateTime.UtcNow.Year;
        var numbers = (await Deployment.QueryAsync<string>("select data->>'number' from billing.mt_doc_invoice where data->>'number' like $1", $"INV-{year}-%"))
            .Select(n => int.Parse(InvoiceSequence().Match(n).Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.NotEmpty(numbers);
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
    }

    [GeneratedRegex(@"^INV-\d{4}-(\d{6})$")]
    private static partial Regex InvoiceSequence();
}
