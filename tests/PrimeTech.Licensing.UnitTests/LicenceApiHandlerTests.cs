using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PrimeTech.Licensing.Customer;
using PrimeTech.Licensing.LicenceApi;
using Wolverine.Marten;
using static PrimeTech.Licensing.UnitTests.Given;

namespace PrimeTech.Licensing.UnitTests;

/// <summary>
/// The licence API's decisions as plain functions: what they answer and what they would write,
/// given the licence their load step found.
/// </summary>
public sealed class LicenceApiHandlerTests
{
    private static readonly FakeTimeProvider Clock = new(Now);
    private static readonly IOptions<LicensingOptions> Options = Microsoft.Extensions.Options.Options.Create(new LicensingOptions());

    private static Licence Stored(IEnumerable<IMartenOp> storage) =>
        (Licence)Assert.IsType<UpdateDoc<Licence>>(Assert.Single(storage)).Document;

    [Fact]
    public void A_first_activation_answers_with_a_lease_and_stores_the_licence()
    {
        var licence = Licence();
        var (answer, storage) = ActivateLicenceHandler.Handle(new ActivateLicence(licence.Key, Fingerprint, " Desk "), licence, Clock, Options);

        Assert.Equal(("Active", "Desk", Now), (answer.Status, answer.MachineName, answer.ActivatedAt));
        Assert.Equal(Now + Options.Value.LeaseDuration, answer.Lease.ExpiresAt);
        Assert.Same(licence, Stored(storage));
    }

    [Fact]
    public void Activating_the_same_machine_again_answers_the_same_and_writes_nothing()
    {
        var licence = ActivatedLicence(Now.AddDays(-2));
        var (answer, storage) = ActivateLicenceHandler.Handle(new ActivateLicence(licence.Key, Fingerprint, "Desk"), licence, Clock, Options);

        Assert.Equal(Now.AddDays(-2), answer.ActivatedAt);
        Assert.Empty(storage);
    }

    [Fact]
    public void Deactivating_a_machine_that_is_not_active_writes_nothing()
    {
        var licence = Licence();
        var (answer, storage) = DeactivateLicenceHandler.Handle(new DeactivateLicence(licence.Key, Fingerprint), licence, Clock);

        Assert.False(answer.Activated);
        Assert.Empty(storage);
    }

    [Fact]
    public void Deactivating_the_active_machine_frees_the_seat_and_stores_it()
    {
        var licence = ActivatedLicence();
        var (_, storage) = DeactivateLicenceHandler.Handle(new DeactivateLicence(licence.Key, Fingerprint), licence, Clock);

        Assert.Null(Stored(storage).Activation);
    }

    [Fact]
    public void A_heartbeat_renews_the_lease_from_now_and_always_stores_when_it_was_seen()
    {
        var licence = ActivatedLicence();
        var (answer, storage) = HeartbeatLicenceHandler.Handle(new HeartbeatLicence(licence.Key, Fingerprint), licence, Clock, Options);

        Assert.Equal(Now + Options.Value.LeaseDuration, answer.Lease.ExpiresAt);
        Assert.Same(licence, Assert.IsType<UpdateDoc<Licence>>(storage).Document);
    }

    [Fact]
    public void The_owner_releasing_their_machine_sees_the_released_licence_and_it_is_stored()
    {
        var licence = ActivatedLicence();
        var (view, storage) = ReleaseMachineHandler.Handle(new ReleaseMachine(licence.UserId, licence.Key), licence, Clock, Options);

        Assert.Null(view.Activation);
        Assert.Null(Stored(storage).Activation);
    }
}
