# Conformance features for docs-source/wdm/nf-wdm-kereleasespinlock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
@family:ke-spin-lock
Feature: KeReleaseSpinLock does what the reference page says
  NF:wdm.KeReleaseSpinLock. Every scenario runs on a fresh simulated machine; NewIrql is the value the acquire wrote
  to its OldIrql unless the scenario says otherwise.

  Background:
    Given a simulated machine with at least 2 processors
    And spin lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:KeReleaseSpinLock.description.KeReleaseSpinLock-routine-releases-spin-lock-restores
  Rule: The KeReleaseSpinLock routine releases a spin lock and restores the original IRQL at which the caller was running.

    Scenario Outline: A caller that acquired at <irql> is back at <irql> and the lock is free
      When processor 0 at <irql> calls KeAcquireSpinLock on lock "A"
      And processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 0 is at <irql>
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with KeAcquireSpinLockAtDpcLevel and KeReleaseSpinLockFromDpcLevel

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    Scenario: The lock is free as soon as the releasing processor has lowered its IRQL
      Given processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 will pause just after its next KeLowerIrql
      When processor 0 starts KeReleaseSpinLock on lock "A"
      Then processor 0 pauses inside KeReleaseSpinLock, at PASSIVE_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with KeAcquireSpinLockAtDpcLevel and KeReleaseSpinLockFromDpcLevel
      When processor 0 is let go
      Then processor 0 returns from KeReleaseSpinLock at PASSIVE_LEVEL

  @clause:KeReleaseSpinLock.remarks.call-reciprocal-KeAcquireSpinLock
  Rule: This call is a reciprocal to KeAcquireSpinLock.

    Scenario: A waiter gets the lock when the holder releases it
      Given processor 0 at APC_LEVEL calls KeAcquireSpinLock on lock "A"
      When processor 1 at PASSIVE_LEVEL starts KeAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL
      And processor 1 acquires lock "A"

  @clause:KeReleaseSpinLock.remarks.input-NewIrql-value-must-OldIrql-returned
  Rule: The input NewIrql value must be the OldIrql returned by KeAcquireSpinLock.

    Scenario: Releasing with the OldIrql the acquire returned works
      When processor 0 at APC_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 calls KeReleaseSpinLock on lock "A" with NewIrql APC_LEVEL
      Then processor 0 is at APC_LEVEL

    @requires:misuse-detection
    Scenario: Releasing with another NewIrql than the OldIrql is reported
      When processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 misuses KeReleaseSpinLock on lock "A" with NewIrql APC_LEVEL
      Then the implementation reports the misuse with a bug check naming rule "IrqlKeReleaseSpinLock"

  # Informative: no scenario is required.
  @clause:KeReleaseSpinLock.remarks.more-information-about-spin-locks-see
  Rule: For more information about spin locks, see Spin Locks.

  # Informative: no scenario is required.
  @clause:KeReleaseSpinLock.remarks.callers-routine-running-irql-dispatch_level
  Rule: Callers of this routine are running at IRQL = DISPATCH_LEVEL.

  @clause:KeReleaseSpinLock.remarks.return-from-KeReleaseSpinLock-irql-restored-NewIrql
  Rule: On return from KeReleaseSpinLock, IRQL is restored to the NewIrql value.

    Scenario Outline: NewIrql <irql> is the IRQL on return
      When processor 0 at <irql> calls KeAcquireSpinLock on lock "A"
      And processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 0 is at <irql>

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

  @clause:KeReleaseSpinLock.requirements.irql
  Rule: IRQL: DISPATCH_LEVEL (see Remarks section)

    Scenario: KeReleaseSpinLock called at DISPATCH_LEVEL, where KeAcquireSpinLock left its caller
      When processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      Then processor 0 is at DISPATCH_LEVEL
      When processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 0 is at PASSIVE_LEVEL

    @requires:misuse-detection
    Scenario: KeReleaseSpinLock called below DISPATCH_LEVEL is reported
      When processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 at APC_LEVEL misuses KeReleaseSpinLock on lock "A"
      Then the implementation reports the misuse with a bug check naming rule "IrqlKeReleaseSpinLock"
