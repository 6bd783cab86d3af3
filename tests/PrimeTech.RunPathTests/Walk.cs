namespace PrimeTech.RunPathTests;

public static class Roles
{
    public const string Anonymous = "anonymous";
    public const string Customer = "customer";
    public const string Admin = "admin";

    public static readonly string[] All = [Anonymous, Customer, Admin];
}

/// <summary>What a plain GET must give (FRONTEND_HANDOFF §1.5, §1.6 and the page's notes).</summary>
public abstract record Outcome
{
    /// <summary>The page itself, 200, at the address asked for.</summary>
    public sealed record Page : Outcome;

    /// <summary>302 to <c>/login?returnUrl={the path and query asked for}</c>.</summary>
    public sealed record SignIn : Outcome;

    /// <summary>A redirect to <see cref="Path"/>, which answers 200.</summary>
    public sealed record RedirectTo(string Path) : Outcome;

    /// <summary>The status page of §1.6 with its real status code.</summary>
    public sealed record StatusPage(int Status) : Outcome;

    /// <summary>302 to a presigned S3 URL that serves a PDF (the PDF may still be being rendered: poll).</summary>
    public sealed record PdfFile : Outcome;
}

/// <summary>One address to open: the spec route it stands for, a template with <c>{data}</c> placeholders, and an outcome other than the access rule's.</summary>
public sealed record Visit(SpecRoute Spec, string Template, Outcome? Special = null)
{
    /// <summary>The outcome for a role: the page's (or file's) special outcome where the role may see it, otherwise the access rule's.</summary>
    public Outcome For(string role)
    {
        var allowed = AccessRule(role);
        return allowed is (Outcome.Page or Outcome.PdfFile) && Special is not null ? Special : allowed;
    }

    private Outcome AccessRule(string role)
    {
        var seen = Spec.IsFile ? new Outcome.PdfFile() : (Outcome)new Outcome.Page();
        return (Spec.Access, role) switch
        {
            (Access.Public, _) => seen,
            (Access.AnonymousOnly, Roles.Anonymous) => seen,
            (Access.AnonymousOnly, _) => new Outcome.RedirectTo("/account"),
            (_, Roles.Anonymous) => new Outcome.SignIn(),
            (Access.SignedIn, _) => seen,
            // The walk's orders, licences and bookings are the customer's: to the admin they are another customer's (§1.5).
            (Access.Owner, Roles.Customer) => seen,
            (Access.Owner, Roles.Admin) => new Outcome.StatusPage(404),
            (Access.Admin, Roles.Admin) => seen,
            (Access.Admin, _) => new Outcome.StatusPage(403),
            _ => throw new InvalidOperationException($"No rule for {Spec.Access} and {role}."),
        };
    }
}

/// <summary>
/// The walk: every route of FRONTEND_HANDOFF §2, opened as each role, with the variants of §3
/// (steps, filters, states) and real data from the run (placeholders filled by <see cref="RunPathFixture"/>).
/// A route with a placeholder and no entry here stays as it is and fails, so a new page is never skipped.
/// </summary>
public static class Walk
{
    private static readonly Outcome NotFound = new Outcome.StatusPage(404);

    /// <summary>Spec route → the addresses that stand for it. Routes without an entry are opened as written.</summary>
    public static readonly IReadOnlyDictionary<string, (string Template, Outcome? Special)[]> Variants =
        new Dictionary<string, (string, Outcome?)[]>
        {
            ["/products/{slug}"] =
            [
                ("/products/backup-pro", null), ("/products/disk-inspector", null), ("/products/admin-scripts", null),
                ("/products/no-such-product", NotFound),
            ],
            ["/book"] =
            [
                ("/book", null), ("/book?service=consultation", null),
                ("/book?service=consultation&date={bookingDate}&slot={bookingSlot}", null),
            ],
            // Only right after booking does it have something to show (TempData).
            ["/book/confirmation"] = [("/book/confirmation", new Outcome.RedirectTo("/bookings/track"))],
            // A real link's token is only in the email; a well-formed unknown one is the 404 page.
            ["/bookings/track/{token}"] = [("/bookings/track/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NotFound)],
            ["/verify-email"] = [("/verify-email", null), ("/verify-email?token=not-a-real-token", null)],
            ["/reset-password"] = [("/reset-password", null), ("/reset-password?token=not-a-real-token", null)],
            ["/checkout/success"] = [("/checkout/success?order={paidOrder}", null), ("/checkout/success?order={pendingOrder}", null)],
            ["/checkout/cancelled"] = [("/checkout/cancelled?order={pendingOrder}", null), ("/checkout/cancelled?order={paidOrder}", null)],
            ["/account/orders/{ORD}"] = [("/account/orders/{paidOrder}", null), ("/account/orders/{pendingOrder}", null), ("/account/orders/{refundedOrder}", null)],
            ["/account/orders/{ORD}/cancel"] = [("/account/orders/{pendingOrder}/cancel", null)],
            ["/account/orders/{ORD}/invoice"] = [("/account/orders/{paidOrder}/invoice", null), ("/account/orders/{pendingOrder}/invoice", null)],
            ["/account/orders/{ORD}/receipt"] = [("/account/orders/{paidOrder}/receipt", null)],
            ["/account/orders/{ORD}/credit-notes/{CRN}"] =
            [
                ("/account/orders/{refundedOrder}/credit-notes/{creditNote}", null),
                // Only a credit note listed on the order is served through it.
                ("/account/orders/{paidOrder}/credit-notes/{creditNote}", NotFound),
            ],
            ["/admin/products"] = [("/admin/products", null), ("/admin/products?q=backup", null)],
            ["/admin/products/{id}"] = [("/admin/products/{productId}", null)],
            ["/admin/products/{id}/releases"] = [("/admin/products/{productId}/releases", null)],
            ["/admin/orders"] = [("/admin/orders", null), ("/admin/orders?q={paidOrder}", null)],
            ["/admin/orders/{ORD}"] = [("/admin/orders/{paidOrder}", null), ("/admin/orders/{pendingOrder}", null), ("/admin/orders/{refundedOrder}", null)],
            ["/admin/orders/{ORD}/invoice"] = [("/admin/orders/{paidOrder}/invoice", null)],
            ["/admin/orders/{ORD}/receipt"] = [("/admin/orders/{paidOrder}/receipt", null)],
            ["/admin/orders/{ORD}/credit-notes/{CRN}"] =
            [
                ("/admin/orders/{refundedOrder}/credit-notes/{creditNote}", null),
                ("/admin/orders/{paidOrder}/credit-notes/{creditNote}", NotFound),
            ],
            ["/admin/licences"] = [("/admin/licences", null), ("/admin/licences?q={paidOrder}", null)],
            ["/admin/licences/{LIC}"] = [("/admin/licences/{licenceKey}", null)],
            ["/admin/bookings"] = [("/admin/bookings", null), ("/admin/bookings?view=week", null)],
            ["/admin/bookings/{BKG}"] = [("/admin/bookings/{bookingReference}", null)],
            ["/admin/services/{id}"] = [("/admin/services/{serviceId}", null)],
            ["/admin/users"] = [("/admin/users", null), ("/admin/users?q={customerEmail}", null)],
            ["/admin/users/{id}"] = [("/admin/users/{customerId}", null)],
            ["/admin/webhooks"] = [("/admin/webhooks", null), ("/admin/webhooks?q={paidOrder}", null)],
            ["/admin/webhooks/{eventId}"] = [("/admin/webhooks/{webhookEventId}", null)],
            ["/admin/audit"] = [("/admin/audit", null), ("/admin/audit?action=auth.sign-in&outcome=failure", null), ("/admin/audit?target={paidOrder}", null)],
            ["/error/{status}"] = SpecCatalogue.StatusPages.Keys.Select(status => ($"/error/{status}", (Outcome?)new Outcome.StatusPage(status))).ToArray(),
        };

    public static IReadOnlyList<Visit> Visits { get; } =
        SpecCatalogue.Routes.SelectMany(spec => Variants.TryGetValue(spec.Route, out var variants)
                ? variants.Select(v => new Visit(spec, v.Template, v.Special))
                : [new Visit(spec, spec.Route)])
            .ToList();

    public static Visit Find(string template) => Visits.Single(v => v.Template == template);

    /// <summary>xUnit rows: (role, address template), one test each.</summary>
    public static IEnumerable<object[]> Rows() =>
        Visits.SelectMany(visit => Roles.All.Select(role => new object[] { role, visit.Template }));
}
