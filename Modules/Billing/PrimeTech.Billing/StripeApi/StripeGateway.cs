using System.Globalization;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using Stripe;
using Invoice = PrimeTech.Billing.Invoices.Invoice;
using Stripe.Checkout;

namespace PrimeTech.Billing.StripeApi;

/// <summary>
/// Every call the site makes to Stripe, through Stripe.net (the same code path against Stripe or
/// the local stand-in; only <c>Stripe:ApiBase</c> differs). No network retries inside the library:
/// request paths answer PAYMENT_PROVIDER_ERROR at once, asynchronous handlers are retried by Wolverine.
/// Every POST carries an idempotency key, so a repeated call gets Stripe's first answer.
/// </summary>
public sealed class StripeGateway
{
    private readonly StripeClient _client;
    private readonly SiteOptions _site;

    public StripeGateway(IOptions<StripeOptions> options, IOptions<SiteOptions> site)
    {
        _site = site.Value;
        _client = new StripeClient(new StripeClientOptions
        {
            ApiKey = options.Value.SecretKey,
            ApiBase = string.IsNullOrEmpty(options.Value.ApiBase) ? null : options.Value.ApiBase.TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(new HttpClient { Timeout = TimeSpan.FromSeconds(20) }, maxNetworkRetries: 0),
        });
    }

    /// <summary>
    /// A Checkout Session for the invoice: one line per invoice line with quantity 1 and the line's
    /// gross as its price (DECISIONS D-011), so <c>amount_total</c> is the invoice total exactly.
    /// <paramref name="attempt"/> is the number of sessions the invoice already has, plus one.
    /// </summary>
    public Task<Session> CreateCheckoutSessionAsync(Invoice invoice, string customerEmail, int attempt, CancellationToken ct)
    {
        var metadata = new Dictionary<string, string>
        {
            ["order_number"] = invoice.OrderNumber,
            ["invoice_number"] = invoice.Number,
        };
        var options = new SessionCreateOptions
        {
            Mode = "payment",
            Currency = "gbp",
            LineItems = invoice.Lines.Select(line => new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = "gbp",
                    UnitAmount = line.GrossPence,
                    ProductData = new SessionLineItemPriceDataProductDataOptions
                    {
                        Name = line.Quantity == 1 ? line.Name : $"{line.Name} × {line.Quantity}",
                        Description = $"{line.Sku}, VAT {line.VatRatePercent.ToString("0.##", CultureInfo.InvariantCulture)} % included",
                    },
                },
            }).ToList(),
            ClientReferenceId = invoice.OrderNumber,
            CustomerEmail = customerEmail,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string>(metadata) },
            SuccessUrl = _site.Absolute($"/checkout/success?order={invoice.OrderNumber}"),
            CancelUrl = _site.Absolute($"/checkout/cancelled?order={invoice.OrderNumber}"),
            Locale = "en-GB",
        };
        return Call(() => new SessionService(_client).CreateAsync(options,
            new RequestOptions { IdempotencyKey = $"checkout-{invoice.Number}-{attempt}" }, ct));
    }

    /// <summary>Expires an open session. False if Stripe says it is no longer open (already expired or complete).</summary>
    public async Task<bool> ExpireCheckoutSessionAsync(string sessionId, CancellationToken ct)
    {
        try
        {
            await new SessionService(_client).ExpireAsync(sessionId, null, new RequestOptions { IdempotencyKey = $"expire-{sessionId}" }, ct);
            return true;
        }
        catch (StripeException e) when (e.StripeError?.Type == "invalid_request_error")
        {
            return false;
        }
    }

    /// <summary>The PaymentIntent, with its latest charge expanded when asked (card brand and last 4).</summary>
    public Task<PaymentIntent> GetPaymentIntentAsync(string paymentIntentId, bool withLatestCharge, CancellationToken ct) =>
        Call(() => new PaymentIntentService(_client).GetAsync(paymentIntentId,
            withLatestCharge ? new PaymentIntentGetOptions { Expand = ["latest_charge"] } : null, null, ct));

    /// <summary>
    /// A refund of <paramref name="amountPence"/> of the payment, named by our refund's id (metadata
    /// <c>refund_id</c>, idempotency key <c>refund-{id}</c>, so a retry cannot refund twice); the
    /// order changes only when <c>charge.refunded</c> arrives.
    /// </summary>
    public Task<Refund> CreateRefundAsync(
        string paymentIntentId, long amountPence, Guid refundId, string orderNumber, string invoiceNumber, CancellationToken ct) =>
        Call(() => new RefundService(_client).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = paymentIntentId,
            Amount = amountPence,
            Metadata = new Dictionary<string, string>
            {
                ["order_number"] = orderNumber,
                ["invoice_number"] = invoiceNumber,
                [RefundIdMetadata] = refundId.ToString("D"),
            },
        }, new RequestOptions { IdempotencyKey = $"refund-{refundId:N}" }, ct));

    /// <summary>The metadata key that names our refund on Stripe's.</summary>
    public const string RefundIdMetadata = "refund_id";

    /// <summary>Every refund of a charge (a charge has at most a few; one page of 100 holds them all).</summary>
    public async Task<IReadOnlyList<Refund>> ListRefundsAsync(string chargeId, CancellationToken ct)
    {
        var page = await Call(() => new RefundService(_client).ListAsync(new RefundListOptions { Charge = chargeId, Limit = 100 }, null, ct));
        return page.Data;
    }

    /// <summary>Stripe's failures, and failures to reach it, as the error contract's PAYMENT_PROVIDER_ERROR.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is StripeException or HttpRequestException or TaskCanceledException { CancellationToken.IsCancellationRequested: false })
        {
            throw new PaymentProviderException(e);
        }
    }
}

/// <summary>A Stripe call failed. In a request: 502 PAYMENT_PROVIDER_ERROR; in an asynchronous handler: retried.</summary>
public sealed class PaymentProviderException(Exception inner)
    : DomainException(ErrorCode.PaymentProviderError, "The payment provider could not be reached. Try again in a moment.")
{
    public Exception Provider { get; } = inner;
}
