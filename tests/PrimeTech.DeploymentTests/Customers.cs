namespace PrimeTech.DeploymentTests;

/// <summary>A customer with a basket checked out: the order, its invoice and the Stripe Checkout Session to pay it at.</summary>
public sealed record CheckedOut(TestUser Customer, string OrderNumber, string InvoiceNumber, string SessionId);

/// <summary>
/// Customers of the deployment through its real API, spread over both instances: register, verify
/// with the emailed token, sign in, save billing details; fill a basket and check out.
/// </summary>
public static class Customers
{
    public const string LicensedSku = "PT-BACKUP-PRO";

    /// <summary>Registers <paramref name="count"/> customers at once, instance by instance in turn, and signs each in.</summary>
    public static async Task<List<TestUser>> CreateAsync(Deployment deployment, int count)
    {
        var emails = Enumerable.Range(0, count).Select(_ => Accounts.NewEmail("deploy")).ToList();
        // Accounts are set-up, not the load under test: a few at a time (password hashing is
        // deliberately slow, and the cores are shared).
        await Parallel.ForEachAsync(emails.Index(), SetUp, async (item, ct) =>
        {
            var (i, email) = item;
            using var client = deployment.Instance(i % 2 + 1);
            using var response = await client.PostAsJsonAsync("/api/auth/register", new { email, name = "Deployment Customer", password = Accounts.DefaultPassword }, cancellationToken: ct);
            if (response.StatusCode != HttpStatusCode.Accepted)
                throw new InvalidOperationException($"register {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        });

        var tokens = await VerificationTokensAsync(deployment, emails);
        var signedIn = new TestUser[count];
        await Parallel.ForEachAsync(emails.Index(), SetUp, async (item, ct) =>
        {
            var (i, email) = item;
            using var client = deployment.Instance((i + 1) % 2 + 1);
            using (var verified = await client.PostAsJsonAsync("/api/auth/verify-email", new { token = tokens[email] }, cancellationToken: ct))
                verified.EnsureSuccessStatusCode();
            signedIn[i] = await SignInAsync(client, email, Accounts.DefaultPassword);
            // Checkout needs billing details on the account.
            using var billing = await client.SendAsync(
                Requests.Json(HttpMethod.Put, "/api/account/billing-details", TestBillingDetails.Json(), signedIn[i].Cookie), ct);
            if (!billing.IsSuccessStatusCode)
                throw new InvalidOperationException($"billing details {email}: {(int)billing.StatusCode} {await billing.Content.ReadAsStringAsync(ct)}");
        });
        return [.. signedIn];
    }

    private static readonly ParallelOptions SetUp = new() { MaxDegreeOfParallelism = 4 };

    public static async Task<TestUser> SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password, rememberMe = false });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"login {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var me = (await response.Content.ReadFromJsonAsync<Me>())!;
        return new TestUser(me.Id, me.Email, password, me.Name, Accounts.SessionTokenFrom(response.Headers.GetValues("Set-Cookie")));
    }

    /// <summary>One read of the mailbox per poll for all the addresses (not one per address).</summary>
    private static async Task<Dictionary<string, string>> VerificationTokensAsync(Deployment deployment, List<string> emails)
    {
        var tokens = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await Eventually.TrueAsync(async () =>
        {
            var mail = await deployment.Mail.AllAsync();
            foreach (var email in emails.Where(e => !tokens.ContainsKey(e)))
            {
                var delivered = MailSink.For(mail, email).FirstOrDefault(m => (m.Text ?? "").Contains("/verify-email?token="));
                if (delivered is not null) tokens[email] = Accounts.TokenIn(delivered, "/verify-email");
            }
            return tokens.Count == emails.Count;
        }, $"the verification emails of {emails.Count} customers", TimeSpan.FromSeconds(120));
        return tokens;
    }

    /// <summary>Puts one licensed product in the basket and checks out; the answer as it came (the caller decides what a failure means).</summary>
    public static async Task<HttpResponseMessage> CheckOutAsync(HttpClient client, TestUser customer)
    {
        using var add = await client.SendAsync(Requests.Json(HttpMethod.Post, "/api/cart/items", new { sku = LicensedSku, quantity = 1 }, customer.Cookie));
        if (!add.IsSuccessStatusCode) return new HttpResponseMessage(add.StatusCode) { Content = new StringContent(await add.Content.ReadAsStringAsync()) };
        var cart = (await add.Content.ReadFromJsonAsync<Cart>())!;
        return await client.SendAsync(Requests.Json(HttpMethod.Post, "/api/orders/checkout", new { cartRevision = cart.Revision }, customer.Cookie));
    }

    public static async Task<CheckedOut> CheckedOutFromAsync(HttpResponseMessage response, TestUser customer)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"checkout: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var result = (await response.Content.ReadFromJsonAsync<Checkout>())!;
        return new CheckedOut(customer, result.OrderNumber, result.InvoiceNumber, result.CheckoutUrl[(result.CheckoutUrl.LastIndexOf('/') + 1)..]);
    }

    private sealed record Me(Guid Id, string Email, string Name);
    private sealed record Cart(long Revision);
    private sealed record Checkout(string OrderNumber, string InvoiceNumber, string CheckoutUrl);
}
