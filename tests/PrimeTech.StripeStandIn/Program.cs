namespace PrimeTech.StripeStandIn;

public static class StandInProgram
{
    // dotnet run --project tests/PrimeTech.StripeStandIn -- --urls http://127.0.0.1:51210
    //   --api-key sk_test_local --webhook-url http://127.0.0.1:5080/api/webhooks/stripe --webhook-secret whsec_local
    public static Task Main(string[] args) => StandInServer.Build(args).RunAsync();
}
