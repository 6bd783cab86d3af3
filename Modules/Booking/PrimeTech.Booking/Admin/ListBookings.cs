using System.Globalization;
using FluentValidation;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Validation;

namespace PrimeTech.Booking.Admin;

/// <summary>
/// Bookings for staff by slot start: optionally one status, one slot day (<see cref="Date"/>) or a
/// range of London days (<see cref="From"/>/<see cref="To"/>, inclusive), and <see cref="Q"/>
/// matching the reference or the contact email. Paged; history omitted.
/// </summary>
public sealed record ListBookings(string? Status, string? Date, string? From, string? To, string? Q, int Page = 1, int PageSize = 20)
{
    public sealed class Validator : AbstractValidator<ListBookings>
    {
        public Validator()
        {
            RuleFor(x => x.Q).SearchText();
            RuleFor(x => x.Status).Must(s => BookingStatusText.TryParse(s, out _)).When(x => !string.IsNullOrWhiteSpace(x.Status))
                .WithMessage("Choose one of the listed statuses.");
            RuleFor(x => x.Date).Must(IsDate).When(x => !string.IsNullOrWhiteSpace(x.Date)).WithMessage("Enter a date as YYYY-MM-DD.");
            RuleFor(x => x.From).Must(IsDate).When(x => !string.IsNullOrWhiteSpace(x.From)).WithMessage("Enter a date as YYYY-MM-DD.");
            RuleFor(x => x.To).Must(IsDate).When(x => !string.IsNullOrWhiteSpace(x.To)).WithMessage("Enter a date as YYYY-MM-DD.");
            RuleFor(x => x.To).Must((x, to) => ParseDate(to) >= ParseDate(x.From))
                .When(x => IsDate(x.From) && IsDate(x.To)).WithMessage("The end date must be on or after the start date.");
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("Page starts at 1.");
            RuleFor(x => x.PageSize).InclusiveBetween(1, 100).WithMessage("Page size is 1 to 100.");
        }
    }

    internal static bool IsDate(string? value) => ParseDate(value) is not null;

    internal static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

public static class ListBookingsHandler
{
    public static async Task<Paged<AdminBookingView>> Handle(ListBookings query, IDocumentSession session, CancellationToken ct)
    {
        var bookings = session.Query<ServiceBooking>().AsQueryable();
        if (BookingStatusText.TryParse(query.Status, out var status) && !string.IsNullOrWhiteSpace(query.Status))
            bookings = bookings.Where(b => b.Status == status);

        var from = ListBookings.ParseDate(query.Date) ?? ListBookings.ParseDate(query.From);
        var to = ListBookings.ParseDate(query.Date) ?? ListBookings.ParseDate(query.To);
        if (from is { } f)
        {
            var fromUtc = London.ToUtc(f, TimeOnly.MinValue);
            bookings = bookings.Where(b => b.StartUtc >= fromUtc);
        }
        if (to is { } t)
        {
            var toUtc = London.ToUtc(t.AddDays(1), TimeOnly.MinValue);
            bookings = bookings.Where(b => b.StartUtc < toUtc);
        }
        if (query.Q?.Trim() is { Length: > 0 } q)
        {
            var upper = q.ToUpperInvariant();
            var lower = q.ToLowerInvariant();
            bookings = bookings.Where(b => b.Reference.Contains(upper) || b.NormalizedContactEmail.Contains(lower));
        }

        var total = await bookings.CountAsync(ct);
        var page = await bookings.OrderBy(b => b.StartUtc)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new Paged<AdminBookingView>(page.Select(b => AdminBookingView.From(b, withHistory: false)).ToList(),
            query.Page, query.PageSize, total);
    }
}

public sealed class ListBookingsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/bookings", async (string? status, string? date, string? from, string? to, string? q,
                    int? page, int? pageSize, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<Paged<AdminBookingView>>(
                    new ListBookings(status, date, from, to, q, page ?? 1, pageSize ?? 20))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Bookings by slot start, filtered by status, day or date range and reference/email (paged).");
}
