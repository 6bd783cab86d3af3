using PrimeTech.StripeStandIn;

// dotnet run --project tests/PrimeTech.StripeStandIn -- --urls http://127.0.0.1:51210
//   --api-key sk_test_local --webhook-url http://127.0.0.1:5080/api/webhooks/stripe --webhook-secret whsec_local
await StandInServer.Build(args).RunAsync();
