global using PrimeTech.Billing.Contracts;
global using PrimeTech.Billing.Invoices;
global using PrimeTech.Billing.Payments;
global using PrimeTech.Billing.Webhooks;
global using Xunit;
