# Conformance features for docs-source/wdm/nf-wdm-keinitializespinlock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
@family:ke-spin-lock
Feature: KeInitializeSpinLock does what the reference page says
  NF:wdm.KeInitializeSpinLock. Every scenario runs on a fresh simulated machine.

  Background:
    Given a simulated machine with at least 2 processors

  @clause:KeInitializeSpinLock.description.KeInitializeSpinLock-routine-initializes-variable-type-kspin_lock
  Rule: The KeInitializeSpinLock routine initializes a variable of type KSPIN_LOCK.

    Scenario: A just initialized lock is free: it can be acquired at once
      Given spin lock "A" initialized by processor 0 at PASSIVE_LEVEL
      When processor 1 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      Then processor 1 is at DISPATCH_LEVEL
      And processor 1 calls KeReleaseSpinLock on lock "A"

    Scenario: A just initialized lock is free to KeTryToAcquireSpinLockAtDpcLevel
      Given spin lock "A" initialized by processor 0 at PASSIVE_LEVEL
      When processor 1 at DISPATCH_LEVEL calls KeTryToAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 1's KeTryToAcquireSpinLockAtDpcLevel returned TRUE

  @clause:KeInitializeSpinLock.remarks.routine-must-called-before-initial-call
  Rule: This routine must be called before an initial call to KeAcquireSpinLock, to KeAcquireInStackQueuedSpinLock, or to any other support routine that requires a spin lock as an argument.

    Scenario: Initialize, then acquire and release
      Given spin lock "A" initialized by processor 0 at PASSIVE_LEVEL
      When processor 0 calls KeAcquireSpinLock on lock "A"
      And processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 0 is at PASSIVE_LEVEL

    @requires:misuse-detection
    Scenario: KeAcquireSpinLock on a lock never initialized is reported
      Given spin lock "A" is declared but not initialized
      When processor 0 at PASSIVE_LEVEL misuses KeAcquireSpinLock on lock "A"
      Then the implementation reports the misuse with a bug check naming rule "SpinLock"

  @untestable
  @clause:KeInitializeSpinLock.remarks.storage-spin-lock-object-must-resident
  Rule: Storage for a spin lock object must be resident: in the device extension of a driver-created device object, in the controller extension of a driver-created controller object, or in nonpaged pool allocated by the caller.
    Untestable from outside: the simulated machine has no paging, and where the caller keeps the lock is invisible to the implementation.

  # Informative: no scenario is required.
  @clause:KeInitializeSpinLock.remarks.more-information-about-spin-locks-see
  Rule: For more information about spin locks, see Spin Locks.

  @clause:KeInitializeSpinLock.remarks.callers-routine-can-running-irql
  Rule: Callers of this routine can be running at any IRQL.

    Scenario Outline: A caller at <irql> initializes the lock, which another processor then takes and gives back
      Given spin lock "A" initialized by processor 1 at <irql>
      When processor 0 at APC_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | DISPATCH_LEVEL |
        | HIGH_LEVEL     |

  # Informative: no scenario is required.
  @clause:KeInitializeSpinLock.remarks.usually-caller-running-irql-passive_level-AddDevice
  Rule: Usually, a caller is running at IRQL = PASSIVE_LEVEL in an AddDevice routine.

  @clause:KeInitializeSpinLock.requirements.irql
  Rule: IRQL: Any level (see Remarks section)

    Scenario Outline: KeInitializeSpinLock at <irql> leaves the IRQL as it was and the lock free
      Given spin lock "A" initialized by processor 1 at <irql>
      When processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 0 is at PASSIVE_LEVEL

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |
        | DIRQL 5        |
        | HIGH_LEVEL     |
