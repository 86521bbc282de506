# Conformance features for docs-source/wdm/nf-wdm-kereleasespinlockfromdpclevel.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
@family:ke-spin-lock
Feature: KeReleaseSpinLockFromDpcLevel does what the reference page says
  NF:wdm.KeReleaseSpinLockFromDpcLevel. Every scenario runs on a fresh simulated machine.

  Background:
    Given a simulated machine with at least 2 processors
    And spin lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:KeReleaseSpinLockFromDpcLevel.description.KeReleaseSpinLockFromDpcLevel-routine-releases-executive-spin-lock
  Rule: The KeReleaseSpinLockFromDpcLevel routine releases an executive spin lock without changing the IRQL.

    Scenario Outline: A caller at <irql> is still at <irql> and the lock is free
      When processor 0 at <irql> calls KeAcquireSpinLockAtDpcLevel on lock "A"
      And processor 0 calls KeReleaseSpinLockFromDpcLevel on lock "A"
      Then processor 0's KeReleaseSpinLockFromDpcLevel neither raised nor lowered the IRQL
      And processor 0 is at <irql>
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with KeAcquireSpinLockAtDpcLevel and KeReleaseSpinLockFromDpcLevel

      Examples:
        | irql           |
        | DISPATCH_LEVEL |
        | DIRQL 5        |

  @clause:KeReleaseSpinLockFromDpcLevel.remarks.drivers-call-KeReleaseSpinLockFromDpcLevel-release-spin-lock
  Rule: Drivers call KeReleaseSpinLockFromDpcLevel to release a spin lock acquired by calling KeAcquireSpinLockAtDpcLevel.

    Scenario: A waiter gets the lock when the DPC-level holder releases it
      Given processor 0 at DISPATCH_LEVEL calls KeAcquireSpinLockAtDpcLevel on lock "A"
      When processor 1 at DISPATCH_LEVEL starts KeAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls KeReleaseSpinLockFromDpcLevel on lock "A"
      Then processor 1 acquires lock "A"
      And processor 1 is at DISPATCH_LEVEL

  # Informative: no scenario is required.
  @clause:KeReleaseSpinLockFromDpcLevel.remarks.error-call-KeReleaseSpinLockFromDpcLevel-if-specified-spin
  Rule: It is an error to call KeReleaseSpinLockFromDpcLevel if the specified spin lock was acquired by calling KeAcquireSpinLock because the caller's original IRQL is not restored, which can cause deadlocks or fatal page faults.

  # Informative: no scenario is required.
  @clause:KeReleaseSpinLockFromDpcLevel.remarks.more-information-about-spin-locks-see
  Rule: For more information about spin locks, see Spin Locks.

  @clause:KeReleaseSpinLockFromDpcLevel.requirements.irql
  Rule: IRQL: DISPATCH_LEVEL

    Scenario: KeReleaseSpinLockFromDpcLevel at DISPATCH_LEVEL
      When processor 0 at DISPATCH_LEVEL calls KeAcquireSpinLockAtDpcLevel on lock "A"
      And processor 0 calls KeReleaseSpinLockFromDpcLevel on lock "A"
      Then processor 0 is at DISPATCH_LEVEL

    @requires:misuse-detection
    Scenario: KeReleaseSpinLockFromDpcLevel below DISPATCH_LEVEL is reported
      When processor 0 at DISPATCH_LEVEL calls KeAcquireSpinLockAtDpcLevel on lock "A"
      And processor 0 at APC_LEVEL misuses KeReleaseSpinLockFromDpcLevel on lock "A"
      Then the implementation reports the misuse with a bug check naming rule "IrqlDispatch"
