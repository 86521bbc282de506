# Conformance features for docs-source/wdm/nf-wdm-ketrytoacquirespinlockatdpclevel.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
@family:ke-spin-lock
Feature: KeTryToAcquireSpinLockAtDpcLevel does what the reference page says
  NF:wdm.KeTryToAcquireSpinLockAtDpcLevel. Every scenario runs on a fresh simulated machine.

  Background:
    Given a simulated machine with at least 3 processors
    And spin lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:KeTryToAcquireSpinLockAtDpcLevel.description.KeTryToAcquireSpinLockAtDpcLevel-routine-attempts-acquire-spin-lock
  Rule: The KeTryToAcquireSpinLockAtDpcLevel routine attempts to acquire a spin lock at DISPATCH_LEVEL.

    Scenario: A try at DISPATCH_LEVEL stays at DISPATCH_LEVEL
      When processor 1 at DISPATCH_LEVEL calls KeTryToAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 1's KeTryToAcquireSpinLockAtDpcLevel neither raised nor lowered the IRQL
      And processor 1 is at DISPATCH_LEVEL

  @clause:KeTryToAcquireSpinLockAtDpcLevel.remarks.if-specified-spin-lock-not-busy
  Rule: If the specified spin lock is not busy, the KeTryToAcquireSpinLockAtDpcLevel routine acquires the spin lock (see KeAcquireSpinLock for details) and returns TRUE.

    Scenario: A try of a free lock returns TRUE and holds it against another processor
      When processor 1 at DISPATCH_LEVEL calls KeTryToAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 1's KeTryToAcquireSpinLockAtDpcLevel returned TRUE
      When processor 2 at DISPATCH_LEVEL starts KeAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 2 is still spinning on lock "A"
      When processor 1 calls KeReleaseSpinLockFromDpcLevel on lock "A"
      Then processor 2 acquires lock "A"

  @clause:KeTryToAcquireSpinLockAtDpcLevel.remarks.if-spin-lock-has-already-been
  Rule: If the spin lock has already been acquired, the routine immediately returns FALSE.

    Scenario: A try of a held lock returns FALSE at once, without spinning
      Given processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      When processor 1 at DISPATCH_LEVEL starts KeTryToAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 1's KeTryToAcquireSpinLockAtDpcLevel returns FALSE without a spin-wait turn

  # Informative: no scenario is required.
  @clause:KeTryToAcquireSpinLockAtDpcLevel.remarks.if-spin-lock-acquired-caller-can
  Rule: If the spin lock is acquired, the caller can release it by using the KeReleaseSpinLock routine.

  @clause:KeTryToAcquireSpinLockAtDpcLevel.remarks.if-you-want-driver-block-when
  Rule: If you want the driver to block when it is unable to acquire the spin lock, use KeAcquireSpinLockAtDpcLevel instead.

    Scenario: KeAcquireSpinLockAtDpcLevel blocks on a held lock until it is released
      Given processor 0 at DISPATCH_LEVEL calls KeAcquireSpinLockAtDpcLevel on lock "A"
      When processor 1 at DISPATCH_LEVEL starts KeAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls KeReleaseSpinLockFromDpcLevel on lock "A"
      Then processor 1 acquires lock "A"

  # Informative: no scenario is required.
  @clause:KeTryToAcquireSpinLockAtDpcLevel.remarks.more-information-about-spin-locks-see
  Rule: For more information about spin locks, see Spin Locks.

  @clause:KeTryToAcquireSpinLockAtDpcLevel.requirements.irql
  Rule: IRQL: DISPATCH_LEVEL

    Scenario: A try at DISPATCH_LEVEL works
      When processor 1 at DISPATCH_LEVEL calls KeTryToAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 1's KeTryToAcquireSpinLockAtDpcLevel returned TRUE
      And processor 1 is at DISPATCH_LEVEL

    @requires:misuse-detection
    Scenario: A try below DISPATCH_LEVEL is reported
      When processor 1 at APC_LEVEL misuses KeTryToAcquireSpinLockAtDpcLevel on lock "A"
      Then the implementation reports the misuse with a bug check naming rule "IrqlDispatch"
