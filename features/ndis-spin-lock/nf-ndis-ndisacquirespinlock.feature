# Conformance features for docs-source/ndis/nf-ndis-ndisacquirespinlock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-spin-lock
Feature: NdisAcquireSpinLock does what the reference page says
  NF:ndis.NdisAcquireSpinLock. Every scenario runs on a fresh simulated machine; processors enter at
  the IRQLs the scenario gives, and every call into the implementation is bounded by the watchdog.

  Background:
    Given a simulated machine with at least 2 processors
    And spin lock "A" allocated by processor 0 at PASSIVE_LEVEL

  @clause:NdisAcquireSpinLock.description.NdisAcquireSpinLock-function-acquires-spin-lock-so
  Rule: The NdisAcquireSpinLock function acquires a spin lock so the caller gains exclusive access to the resources, shared among driver functions, that the spin lock protects.

    Scenario: While one processor holds the lock, another spins until it is released
      Given processor 1 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 0 at PASSIVE_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 0 is still spinning on lock "A"
      When processor 1 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 acquires lock "A"
      And processor 0 holds lock "A" at DISPATCH_LEVEL
      And processor 1 is at APC_LEVEL
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at PASSIVE_LEVEL

    Scenario: While one processor holds the lock, NdisDprAcquireSpinLock on another waits too
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 1 at DISPATCH_LEVEL starts NdisDprAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 acquires lock "A"
      And processor 1 calls NdisDprReleaseSpinLock on lock "A"

    Scenario: Exclusive access under contention, processors entering at different IRQLs
      When 2 processors each run 1000 critical sections on lock "A" with NdisAcquireSpinLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no two processors were ever inside the critical section of lock "A" at once
      And every critical section saw the data written by the previous owner
      And every processor ran at DISPATCH_LEVEL inside every critical section

  @clause:NdisAcquireSpinLock.remarks.driver-must-initialize-variable-type-ndis_spin_lock
  Rule: The driver must initialize a variable of type NDIS_SPIN_LOCK with NdisAllocateSpinLock before it calls any other NdisXxxSpinLock function.

    Scenario: Allocated first, the lock is acquired and released
      Given spin lock "B" is declared but not allocated
      When processor 0 at APC_LEVEL calls NdisAllocateSpinLock on lock "B"
      And processor 1 at APC_LEVEL calls NdisAcquireSpinLock on lock "B"
      Then processor 1 holds lock "B" at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseSpinLock on lock "B"
      Then processor 1 is at APC_LEVEL

    @requires:misuse-detection
    Scenario: NdisAcquireSpinLock on a lock never allocated is reported
      Given spin lock "B" is declared but not allocated
      When processor 0 at PASSIVE_LEVEL wrongly calls NdisAcquireSpinLock on lock "B"
      Then the implementation reports a SpinLock violation

    @requires:misuse-detection
    Scenario: NdisReleaseSpinLock on a lock never allocated is reported
      Given spin lock "B" is declared but not allocated
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisReleaseSpinLock on lock "B"
      Then the implementation reports a SpinLock violation

  @untestable
  @clause:NdisAcquireSpinLock.remarks.driver-must-provide-resident-storage-spin
  Rule: The driver must provide resident storage for the spin lock(s) it uses.
    Untestable from outside: the simulated machine has no paging, and where the caller keeps the lock is invisible to the implementation.

  @clause:NdisAcquireSpinLock.remarks.after-acquiring-spin-lock-NdisAcquireSpinLock-caller
  Rule: After acquiring a spin lock with NdisAcquireSpinLock, the caller must release that lock with a call to NdisReleaseSpinLock.

    Scenario: Released with NdisReleaseSpinLock, the lock is free for another processor
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL
      And processor 1 at PASSIVE_LEVEL can take and give back lock "A" with NdisAcquireSpinLock and NdisReleaseSpinLock

    @requires:misuse-detection
    Scenario: Releasing with NdisDprReleaseSpinLock a lock taken with NdisAcquireSpinLock is reported
      Given processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisDprReleaseSpinLock on lock "A"
      Then the implementation reports a SpinLockDpr violation

  @clause:NdisAcquireSpinLock.remarks.driver-must-call-NdisReleaseSpinLock-following-each
  Rule: A driver must call NdisReleaseSpinLock following each call to NdisAcquireSpinLock.

    Scenario: Many acquire and release cycles on each processor
      When every processor runs 500 acquire and release cycles on lock "A", entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then every release restored the IRQL its acquire was entered at
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    @requires:misuse-detection
    Scenario: A second NdisAcquireSpinLock without a release in between is reported
      Given processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisAcquireSpinLock on lock "A"
      Then the implementation reports a SpinLock violation

    @requires:misuse-detection
    Scenario: Freeing the lock instead of releasing it is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisFreeSpinLock on lock "A"
      Then the implementation reports a SpinLockBalanced violation

  @clause:NdisAcquireSpinLock.remarks.otherwise-deadlock-occurs-hanging-driver
  Rule: Otherwise, a deadlock occurs, hanging the driver.
    # Informative: no scenario is required.

  @clause:NdisAcquireSpinLock.remarks.spin-lock-acquired-NdisAcquireSpinLock-must-released
  Rule: A spin lock acquired with NdisAcquireSpinLock must be released with NdisReleaseSpinLock.

    Scenario: A lock taken with NdisAcquireSpinLock and given back with NdisReleaseSpinLock can be taken by the Dpr pair
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at PASSIVE_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    @requires:misuse-detection
    Scenario: Releasing with NdisDprReleaseSpinLock a lock taken with NdisAcquireSpinLock is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisDprReleaseSpinLock on lock "A"
      Then the implementation reports a SpinLockDpr violation

  @clause:NdisAcquireSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released
  Rule: A spin lock acquired with NdisDprAcquireSpinLock must be released with NdisDprReleaseSpinLock.

    Scenario: A lock taken with NdisDprAcquireSpinLock and given back with NdisDprReleaseSpinLock can be taken by NdisAcquireSpinLock
      When processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      And processor 1 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 1 is at DISPATCH_LEVEL
      And processor 0 at APC_LEVEL can take and give back lock "A" with NdisAcquireSpinLock and NdisReleaseSpinLock

    @requires:misuse-detection
    Scenario: Releasing with NdisReleaseSpinLock a lock taken with NdisDprAcquireSpinLock is reported
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisReleaseSpinLock on lock "A"
      Then the implementation reports a SpinLockDprRelease violation

  @untestable
  @clause:NdisAcquireSpinLock.remarks.driver-should-never-hold-spin-lock
  Rule: A driver should never hold a spin lock for an extended period (more than a few instructions).
    Untestable from outside: how long the caller holds the lock is the caller's duty; the implementation has no behaviour of its own to check for it.

  @clause:NdisAcquireSpinLock.remarks.holding-spin-lock-longer-than-25
  Rule: Holding a spin lock for longer than 25 microseconds degrades both system and driver performance.
    # Informative: no scenario is required.

  @untestable
  @clause:NdisAcquireSpinLock.remarks.miniport-driver-cannot-use-spin-lock
  Rule: A miniport driver cannot use a spin lock to protect resources that its other functions share with the MiniportInterrupt and/or MiniportDisableInterruptEx functions.
    Untestable from outside: MiniportInterrupt runs at DIRQL, outside this family; what a caller shares with it is invisible to the implementation.

  @untestable
  @clause:NdisAcquireSpinLock.remarks.instead-miniport-driver-must-call-NdisMSynchronizeWithInterruptEx
  Rule: Instead, a miniport driver must call NdisMSynchronizeWithInterruptEx so that its MiniportSynchronizeInterrupt function accesses such shared resources at the same DIRQL at which its MiniportInterrupt and/or MiniportDisableInterruptEx functions do.
    Untestable from outside: NdisMSynchronizeWithInterruptEx is not a function of this family, so the implementation never sees whether a caller uses it.

  @clause:NdisAcquireSpinLock.remarks.more-information-about-acquiring-releasing-ndis
  Rule: For more information about acquiring and releasing NDIS spin locks, see Synchronization and Notification in Network Drivers.
    # Informative: no scenario is required.

  @clause:NdisAcquireSpinLock.requirements.irql
  Rule: IRQL: <= DISPATCH_LEVEL

    Scenario Outline: Called at <entry>, NdisAcquireSpinLock holds the lock at DISPATCH_LEVEL and its release gives back <entry>
      When processor 1 at <entry> calls NdisAcquireSpinLock on lock "A"
      Then processor 1 holds lock "A" at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 is at <entry>

      Examples:
        | entry          |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    Scenario: The acquiring processor is at DISPATCH_LEVEL before it takes the lock
      Given processor 0 will pause just after its next KeRaiseIrql
      When processor 0 at PASSIVE_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 0 pauses just after KeRaiseIrql, at DISPATCH_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock
      When processor 0 is let go
      Then processor 0 acquires lock "A"
      And processor 0 holds lock "A" at DISPATCH_LEVEL

    Scenario: While the lock is held, a DPC queued to the holder's processor waits for the release
      Given processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      When a DPC that takes lock "A" is queued to processor 0
      Then the DPC has not run
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then the DPC ran on processor 0 after lock "A" was released

    @requires:misuse-detection
    Scenario Outline: NdisAcquireSpinLock at <irql>, above DISPATCH_LEVEL, is reported
      When processor 0 at <irql> wrongly calls NdisAcquireSpinLock on lock "A"
      Then the implementation reports an Irql_Synch_Function violation

      Examples:
        | irql       |
        | DIRQL 5    |
        | HIGH_LEVEL |
