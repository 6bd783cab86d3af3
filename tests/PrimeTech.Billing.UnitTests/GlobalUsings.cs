// The namespaces most of this project's files use; a file names only the rest.
global using PrimeTech.Billing.Contracts;
global using PrimeTech.Billing.Invoices;
global using PrimeTech.Billing.Payments;
global using PrimeTech.Billing.Webhooks;
global using Xunit;
