// The namespaces most of this project's files use; a file names only the rest.
global using System.Text.Json;
global using Alba;
global using PrimeTech.Billing.Invoices;
global using PrimeTech.Billing.Payments;
global using PrimeTech.Billing.Webhooks;
global using PrimeTech.Ordering.Orders;
global using PrimeTech.Testing;
global using Xunit;
