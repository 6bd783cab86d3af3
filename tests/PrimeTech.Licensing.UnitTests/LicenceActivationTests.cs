using PrimeTech.BuildingBlocks.Errors;
using static PrimeTech.Licensing.UnitTests.Given;

namespace PrimeTech.Licensing.UnitTests;

/// <summary>One machine per licence: activation, the silent-machine release, heartbeat, deactivation, release, revocation.</summary>
public sealed class LicenceActivationTests
{
    private static ErrorCode ErrorOf(Action act) => Assert.Throws<DomainException>(act).Error;

    [Fact]
    public void An_issued_licence_is_active_with_one_seat_and_a_lower_cased_email()
    {
        var licence = Licence();
        Assert.Equal(LicenceStatus.Active, licence.Status);
        Assert.Equal(1, licence.MaxActivations);
        Assert.Null(licence.Activation);
        Assert.Equal("ada@example.com", licence.UserEmail);
        Assert.Equal(LicenceAction.Issued, Assert.Single(licence.History).Action);
    }

    [Fact]
    public void The_first_activation_takes_the_seat_and_is_recorded()
    {
        var licence = Licence();
        Assert.True(licence.Activate(Fingerprint, "Desk", Now));
        Assert.Equal(new Activation(Fingerprint, "Desk", Now, null), licence.Activation);
        Assert.Equal(LicenceAction.Activated, licence.History[^1].Action);
    }

    [Fact]
    public void The_same_machine_again_changes_nothing()
    {
        var licence = ActivatedLicence();
        var events = licence.History.Count;
        Assert.False(licence.Activate(Fingerprint, "Desk", Now));
        Assert.False(licence.Activate(Fingerprint, null, Now));
        Assert.Equal(events, licence.History.Count);
    }

    [Fact]
    public void The_same_machine_with_a_new_name_only_renames()
    {
        var licence = ActivatedLicence(Now.AddDays(-1));
        Assert.True(licence.Activate(Fingerprint, "Laptop", Now));
        Assert.Equal("Laptop", licence.Activation!.MachineName);
        Assert.Equal(Now.AddDays(-1), licence.Activation.ActivatedAt);
    }

    [Fact]
    public void A_second_machine_is_refused_with_activation_limit_reached() =>
        Assert.Equal(LicensingErrors.ActivationLimitReached, ErrorOf(() => ActivatedLicence().Activate(OtherFingerprint, null, Now)));

    [Fact]
    public void Fingerprints_are_compared_exactly() =>
        Assert.Equal(LicensingErrors.ActivationLimitReached, ErrorOf(() => ActivatedLicence().Activate(Fingerprint.ToUpperInvariant(), null, Now)));

    [Fact]
    public void A_machine_silent_for_the_release_period_is_released_for_a_new_one()
    {
        var licence = ActivatedLicence(Now.AddDays(-90));
        Assert.True(licence.Activate(OtherFingerprint, "New", Now, TimeSpan.FromDays(90)));
        Assert.Equal(OtherFingerprint, licence.Activation!.Fingerprint);
        var released = licence.History[^2];
        Assert.Equal(LicenceAction.Released, released.Action);
        Assert.Equal(LicenceActor.System, released.ByRole);
        Assert.Equal(Fingerprint, released.Fingerprint);
        Assert.Equal("Not seen for 90 days", released.Reason);
    }

    [Fact]
    public void A_machine_seen_just_inside_the_release_period_keeps_its_seat() =>
        Assert.Equal(LicensingErrors.ActivationLimitReached,
            ErrorOf(() => ActivatedLicence(Now.AddDays(-90).AddSeconds(1)).Activate(OtherFingerprint, null, Now, TimeSpan.FromDays(90))));

    [Fact]
    public void A_recent_heartbeat_counts_as_seen_for_the_release_period()
    {
        var licence = ActivatedLicence(Now.AddDays(-100));
        licence.Heartbeat(Fingerprint, Now.AddDays(-10));
        Assert.Equal(LicensingErrors.ActivationLimitReached, ErrorOf(() => licence.Activate(OtherFingerprint, null, Now, TimeSpan.FromDays(90))));
    }

    [Fact]
    public void Without_a_release_period_a_silent_machine_keeps_its_seat() =>
        Assert.Equal(LicensingErrors.ActivationLimitReached, ErrorOf(() => ActivatedLicence(Now.AddYears(-2)).Activate(OtherFingerprint, null, Now)));

    [Fact]
    public void A_revoked_licence_cannot_be_activated_checked_in_or_deactivated()
    {
        var licence = ActivatedLicence();
        licence.RevokeForRefund(Now);
        Assert.Equal(LicensingErrors.LicenceRevoked, ErrorOf(() => licence.Activate(Fingerprint, null, Now)));
        Assert.Equal(LicensingErrors.LicenceRevoked, ErrorOf(() => licence.Heartbeat(Fingerprint, Now)));
        Assert.Equal(LicensingErrors.LicenceRevoked, ErrorOf(() => licence.Deactivate(Fingerprint, Now)));
        Assert.Equal(LicensingErrors.LicenceRevoked, ErrorOf(() => licence.Release(Guid.NewGuid(), Now, new MachineSwapOptions())));
    }

    [Fact]
    public void A_heartbeat_records_last_seen()
    {
        var licence = ActivatedLicence();
        licence.Heartbeat(Fingerprint, Now);
        Assert.Equal(Now, licence.Activation!.LastSeenAt);
        Assert.Equal(Now, licence.Activation.LastSeen());
    }

    [Fact]
    public void A_heartbeat_before_activation_is_not_activated() =>
        Assert.Equal(LicensingErrors.NotActivated, ErrorOf(() => Licence().Heartbeat(Fingerprint, Now)));

    [Fact]
    public void A_heartbeat_from_another_machine_is_a_fingerprint_mismatch() =>
        Assert.Equal(LicensingErrors.FingerprintMismatch, ErrorOf(() => ActivatedLicence().Heartbeat(OtherFingerprint, Now)));

    [Fact]
    public void Deactivation_frees_the_seat_for_another_machine()
    {
        var licence = ActivatedLicence();
        Assert.True(licence.Deactivate(Fingerprint, Now));
        Assert.Null(licence.Activation);
        Assert.True(licence.Activate(OtherFingerprint, null, Now));
    }

    [Fact]
    public void Deactivating_a_free_licence_changes_nothing() => Assert.False(Licence().Deactivate(Fingerprint, Now));

    [Fact]
    public void Another_machine_cannot_deactivate() =>
        Assert.Equal(LicensingErrors.FingerprintMismatch, ErrorOf(() => ActivatedLicence().Deactivate(OtherFingerprint, Now)));

    [Fact]
    public void The_customer_may_release_up_to_the_limit_in_the_window()
    {
        var licence = Licence();
        var swaps = new MachineSwapOptions { Limit = 2, Window = TimeSpan.FromDays(30) };
        var customer = licence.UserId;
        for (var i = 0; i < 2; i++)
        {
            licence.Activate(Fingerprint, null, Now.AddDays(-20 + i));
            Assert.True(licence.Release(customer, Now.AddDays(-20 + i), swaps));
        }
        licence.Activate(Fingerprint, null, Now);
        var error = Assert.Throws<DomainException>(() => licence.Release(customer, Now, swaps));
        Assert.Equal(LicensingErrors.DeviceSwapLimitReached, error.Error);
        Assert.Equal("2026-03-20T09:00:00Z", error.Extensions["nextReleaseAt"]);
    }

    [Fact]
    public void Releases_older_than_the_window_do_not_count()
    {
        var licence = Licence();
        var swaps = new MachineSwapOptions { Limit = 1, Window = TimeSpan.FromDays(30) };
        licence.Activate(Fingerprint, null, Now.AddDays(-31));
        licence.Release(licence.UserId, Now.AddDays(-30), swaps);
        licence.Activate(Fingerprint, null, Now);
        Assert.True(licence.Release(licence.UserId, Now, swaps));
    }

    [Fact]
    public void An_admin_reset_is_not_counted_and_works_on_a_revoked_licence()
    {
        var licence = ActivatedLicence();
        licence.RevokeForRefund(Now);
        Assert.True(licence.Reset(Guid.NewGuid(), "support ticket", Now));
        Assert.Null(licence.Activation);
        Assert.False(licence.Reset(Guid.NewGuid(), null, Now));
    }

    [Fact]
    public void Revoking_twice_by_an_admin_is_an_invalid_transition()
    {
        var licence = Licence();
        licence.RevokeByAdmin(Guid.NewGuid(), "fraud", Now);
        Assert.Equal("fraud", licence.RevokedReason);
        Assert.Equal(LicensingErrors.InvalidStatusTransition, ErrorOf(() => licence.RevokeByAdmin(Guid.NewGuid(), "again", Now)));
    }

    [Fact]
    public void Revoking_for_a_refund_is_idempotent_and_keeps_the_activation()
    {
        var licence = ActivatedLicence();
        Assert.True(licence.RevokeForRefund(Now));
        Assert.False(licence.RevokeForRefund(Now.AddMinutes(1)));
        Assert.Equal(Licences.Licence.RefundedReason, licence.RevokedReason);
        Assert.Equal(Now, licence.RevokedAt);
        Assert.NotNull(licence.Activation);
    }

    [Fact]
    public void Reinstating_clears_the_revocation_and_an_active_licence_cannot_be_reinstated()
    {
        var licence = Licence();
        Assert.Equal(LicensingErrors.InvalidStatusTransition, ErrorOf(() => licence.Reinstate(Guid.NewGuid(), "x", Now)));
        licence.RevokeByAdmin(Guid.NewGuid(), "fraud", Now);
        licence.Reinstate(Guid.NewGuid(), "mistake", Now);
        Assert.Equal(LicenceStatus.Active, licence.Status);
        Assert.Null(licence.RevokedAt);
        Assert.Null(licence.RevokedReason);
    }

    [Fact]
    public void Validation_is_written_at_most_once_an_hour()
    {
        var licence = ActivatedLicence();
        Assert.True(licence.RecordValidation(Now));
        Assert.False(licence.RecordValidation(Now.AddMinutes(59)));
        Assert.True(licence.RecordValidation(Now.AddHours(1)));
        Assert.False(Licence().RecordValidation(Now));
    }

    [Fact]
    public void An_offline_file_takes_the_seat_and_another_machine_is_refused()
    {
        var licence = Licence();
        var fileId = licence.IssueOfflineFile(Fingerprint, "Air-gapped", Guid.NewGuid(), LicenceActor.Admin, Now);
        Assert.Equal(fileId, licence.Activation!.OfflineFileId);
        Assert.Equal(LicensingErrors.ActivationLimitReached,
            ErrorOf(() => licence.IssueOfflineFile(OtherFingerprint, null, Guid.NewGuid(), LicenceActor.Admin, Now)));
    }
}
