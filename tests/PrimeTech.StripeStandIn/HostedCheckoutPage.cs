using System.Net;
using System.Text;
using System.Globalization;

namespace PrimeTech.StripeStandIn;

/// <summary>The stand-in's hosted payment page: the session's lines and total, and Pay / Decline / Let it expire.</summary>
public static class HostedCheckoutPage
{
    public static void MapHostedCheckoutPage(this WebApplication app)
    {
        app.MapGet("/pay/{id}", (string id, StandInState state) =>
        {
            if (!state.Sessions.TryGetValue(id, out var session) || !state.SessionDetails.TryGetValue(id, out var details))
                return Results.Content(Page("Payment not found", "<p>This payment link is not valid.</p>"), "text/html", statusCode: 404);

            var status = (string)session["status"]!;
            var html = new StringBuilder();
            html.Append("<table><thead><tr><th scope=\"col\">Item</th><th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>");
            foreach (var line in details.Lines)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(line.Name)}<br><small>{Encode(line.Description)}</small></td><td class=\"num\">{Pounds(line.UnitAmount * line.Quantity)}</td></tr>");
            html.Append(CultureInfo.InvariantCulture, $"</tbody><tfoot><tr><th scope=\"row\">Total</th><td class=\"num\"><strong>{Pounds((long)session["amount_total"]!)}</strong></td></tr></tfoot></table>");
            if ((string?)session["customer_email"] is { } email) html.Append(CultureInfo.InvariantCulture, $"<p>Paying as {Encode(email)}</p>");

            if (status == "open")
                html.Append(CultureInfo.InvariantCulture, $"""
                    <p class="card">Test card: Visa ending 4242</p>
                    <form method="post" action="/pay/{id}/pay"><button type="submit">Pay {Pounds((long)session["amount_total"]!)}</button></form>
                    <form method="post" action="/pay/{id}/decline"><button type="submit" class="secondary">Decline</button></form>
                    <form method="post" action="/pay/{id}/expire"><button type="submit" class="secondary">Let it expire</button></form>
                    """);
            else
                html.Append(CultureInfo.InvariantCulture, $"<p>This checkout session is {Encode(status)}.</p>");
            return Results.Content(Page("Pay Prime Tech Services", html.ToString()), "text/html");
        });

        app.MapPost("/pay/{id}/pay", (string id, CheckoutActions actions) =>
            Redirect(actions.Pay(id, asyncPayment: false, deliver: true), "success_url"));
        app.MapPost("/pay/{id}/decline", (string id, CheckoutActions actions) => Redirect(actions.Decline(id), "cancel_url"));
        app.MapPost("/pay/{id}/expire", (string id, CheckoutActions actions) => Redirect(actions.Expire(id), "cancel_url"));
    }

    private static IResult Redirect(ActionResult? result, string urlProperty)
    {
        if (result is null) return Results.NotFound();
        var url = (string?)result.Session[urlProperty] ?? (string?)result.Session["success_url"];
        return url is null ? Results.Ok() : Results.Redirect(url, permanent: false, preserveMethod: false);
    }

    private static string Pounds(long pence) => "£" + (pence / 100m).ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}} — Stripe stand-in</title>
        <style>
          body { font-family: system-ui, sans-serif; background: #f6f9fc; color: #1a1f36; margin: 0; }
          main { max-width: 30rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.08); }
          table { width: 100%; border-collapse: collapse; margin-bottom: 1rem; } td, th { padding: .4rem 0; text-align: left; } .num { text-align: right; }
          form { display: inline-block; margin: .25rem .25rem 0 0; }
          button { font: inherit; padding: .6rem 1.2rem; border-radius: 6px; border: 1px solid #635bff; background: #635bff; color: #fff; cursor: pointer; }
          button.secondary { background: #fff; color: #635bff; }
          .badge { font-size: .8rem; color: #697386; }
        </style></head>
        <body><main><p class="badge">TEST MODE — local Stripe stand-in</p><h1>{{Encode(title)}}</h1>{{body}}</main></body></html>
        """;
}
