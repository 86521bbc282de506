# Conformance features for docs-source/wdm/nf-wdm-ketestspinlock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
@family:ke-spin-lock
Feature: KeTestSpinLock does what the reference page says
  NF:wdm.KeTestSpinLock. Every scenario runs on a fresh simulated machine.

  Background:
    Given a simulated machine with at least 3 processors
    And spin lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:KeTestSpinLock.description.KeTestSpinLock-routine-tests-availability-spin-lock
  Rule: The KeTestSpinLock routine tests for the availability of a spin lock.

    Scenario: KeTestSpinLock returns TRUE for a free lock
      When processor 1 at PASSIVE_LEVEL calls KeTestSpinLock on lock "A"
      Then processor 1's KeTestSpinLock returned TRUE

    Scenario: KeTestSpinLock returns FALSE for a lock another processor holds
      Given processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      When processor 1 at PASSIVE_LEVEL calls KeTestSpinLock on lock "A"
      Then processor 1's KeTestSpinLock returned FALSE

  @clause:KeTestSpinLock.remarks.routine-enables-caller-running-low-irql
  Rule: This routine enables the caller that is running at a low IRQL to test the spin lock.

    Scenario Outline: A caller at <irql> tests the lock and stays at <irql>
      When processor 1 at <irql> calls KeTestSpinLock on lock "A"
      Then processor 1's KeTestSpinLock returned TRUE
      And processor 1 is at <irql>

      Examples:
        | irql          |
        | PASSIVE_LEVEL |
        | APC_LEVEL     |

  @clause:KeTestSpinLock.remarks.if-KeTestSpinLock-returns-true-caller-can
  Rule: If KeTestSpinLock returns TRUE, the caller can try to acquire the spin lock with a high probability of immediate success.

    Scenario: After a TRUE test, KeTryToAcquireSpinLockAtDpcLevel succeeds
      When processor 1 at PASSIVE_LEVEL calls KeTestSpinLock on lock "A"
      Then processor 1's KeTestSpinLock returned TRUE
      When processor 1 at DISPATCH_LEVEL calls KeTryToAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 1's KeTryToAcquireSpinLockAtDpcLevel returned TRUE

  @clause:KeTestSpinLock.remarks.routine-neither-raises-nor-lowers-irql
  Rule: This routine neither raises nor lowers the IRQL, and it never acquires the spin lock.

    Scenario Outline: KeTestSpinLock at <irql> makes no raise and no lower
      When processor 1 at <irql> calls KeTestSpinLock on lock "A"
      Then processor 1's KeTestSpinLock neither raised nor lowered the IRQL

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    Scenario: Two tests in a row leave the lock free for another processor
      When processor 1 at PASSIVE_LEVEL calls KeTestSpinLock on lock "A"
      And processor 1 calls KeTestSpinLock on lock "A"
      Then processor 1's KeTestSpinLock returned TRUE
      And processor 2 at DISPATCH_LEVEL can take and give back lock "A" with KeAcquireSpinLockAtDpcLevel and KeReleaseSpinLockFromDpcLevel

  # Informative: no scenario is required.
  @clause:KeTestSpinLock.remarks.more-information-about-spin-locks-see
  Rule: For more information about spin locks, see Spin Locks.

  @clause:KeTestSpinLock.requirements.irql
  Rule: IRQL: See Remarks section.

    Scenario Outline: KeTestSpinLock works at <irql>
      When processor 1 at <irql> calls KeTestSpinLock on lock "A"
      Then processor 1 is at <irql>

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    @requires:misuse-detection
    Scenario: KeTestSpinLock on a lock never initialized is reported
      Given spin lock "B" is declared but not initialized
      When processor 1 at PASSIVE_LEVEL misuses KeTestSpinLock on lock "B"
      Then the implementation reports the misuse with a bug check naming rule "SpinLock"
