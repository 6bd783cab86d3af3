using System.Globalization;
using PrimeTech.Billing.Reports;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Web.Pages.Admin.Reports;

/// <summary>
/// The VAT report for the accountant (FE §3.5): net, VAT and gross by VAT rate for invoices paid and
/// credit notes issued between two London dates, inclusive, with the CSV of every document beside it.
/// Without dates it shows the current month to today. The report's own validator checks the dates
/// (the handler runs it again), so errors show beside the fields.
/// </summary>
public sealed class VatModel(IMessageBus bus, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }

    public VatReport? Report { get; private set; }

    public string CsvUrl => Links.WithQuery("/api/admin/reports/vat.csv", ("from", From), ("to", To));

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        if (From is null && To is null)
        {
            var today = London.Today(clock);
            From = new DateOnly(today.Year, today.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            To = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        var query = new GetVatReport(From, To);
        var checkedQuery = GetVatReport.Validator.Instance.Validate(query);
        if (!checkedQuery.IsValid)
        {
            foreach (var error in checkedQuery.Errors) ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Report = await bus.InvokeAsync<VatReport>(query, HttpContext.RequestAborted);
    }

    public static string Rate(decimal? rate) => rate is { } r ? Display.Rate(r) : "All rates";
}
