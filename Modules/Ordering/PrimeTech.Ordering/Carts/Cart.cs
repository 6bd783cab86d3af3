namespace PrimeTech.Ordering.Carts;

/// <summary>
/// A signed-in customer's cart (id = the customer's user id). Prices are not kept here: they are
/// read from the products when shown and at checkout. <see cref="Revision"/> goes up on every
/// change, including the emptying at checkout, so a checkout names exactly what it buys.
/// </summary>
public sealed class Cart
{
    public const int MaxLines = 20;
    public const int MaxQuantity = 100;

    public Guid Id { get; set; }
    public List<CartLine> Lines { get; set; } = [];
    public long Revision { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public CartLine? Line(string sku) => Lines.FirstOrDefault(l => l.Sku == sku);

    public void Changed(DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
    }
}

public sealed class CartLine
{
    public Guid ProductId { get; set; }
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}
