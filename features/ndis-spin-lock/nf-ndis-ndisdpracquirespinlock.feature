# Conformance features for docs-source/ndis/nf-ndis-ndisdpracquirespinlock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-spin-lock
Feature: NdisDprAcquireSpinLock does what the reference page says
  NF:ndis.NdisDprAcquireSpinLock. Every scenario runs on a fresh simulated machine; processors enter at
  the IRQLs the scenario gives, and every call into the implementation is bounded by the watchdog.

  Background:
    Given a simulated machine with at least 2 processors
    And spin lock "A" allocated by processor 0 at PASSIVE_LEVEL

  @clause:NdisDprAcquireSpinLock.description.NdisDprAcquireSpinLock-function-acquires-spin-lock-so
  Rule: The NdisDprAcquireSpinLock function acquires a spin lock so the caller can synchronize access to resources shared among non-ISR driver functions in a multiprocessor-safe way.

    Scenario: While one processor holds the lock with NdisDprAcquireSpinLock, the same call on another spins until the release
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 1 at DISPATCH_LEVEL starts NdisDprAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 1 acquires lock "A"
      And processor 1 holds lock "A" at DISPATCH_LEVEL
      And processor 1 calls NdisDprReleaseSpinLock on lock "A"

    Scenario: A lock held with NdisDprAcquireSpinLock keeps NdisAcquireSpinLock on another processor out until NdisDprReleaseSpinLock
      Given processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 at APC_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 0 is still spinning on lock "A"
      When processor 1 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 0 acquires lock "A"
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL

    Scenario: Mutual exclusion under contention, every processor using NdisDprAcquireSpinLock
      When 2 processors each run 1000 critical sections on lock "A" with NdisDprAcquireSpinLock at DISPATCH_LEVEL
      Then no two processors were ever inside the critical section of lock "A" at once
      And every critical section saw the data written by the previous owner
      And every processor ran at DISPATCH_LEVEL inside every critical section

    Scenario: NdisDprAcquireSpinLock on one processor excludes NdisAcquireSpinLock on another
      When 2 processors run 1000 critical sections each on lock "A", processor 0 with NdisAcquireSpinLock from PASSIVE_LEVEL and APC_LEVEL, processor 1 with NdisDprAcquireSpinLock at DISPATCH_LEVEL
      Then no two processors were ever inside the critical section of lock "A" at once
      And every critical section saw the data written by the previous owner

  @clause:NdisDprAcquireSpinLock.remarks.miniport-driver-must-initialize-variable-type
  Rule: The miniport driver must initialize a variable of type NDIS_SPIN_LOCK with NdisAllocateSpinLock before it calls any other Ndis..SpinLock function.

    Scenario: Allocated first, the lock is taken and given back with the Dpr pair
      Given spin lock "B" is declared but not allocated
      When processor 0 at DISPATCH_LEVEL calls NdisAllocateSpinLock on lock "B"
      And processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "B"
      Then processor 1 holds lock "B" at DISPATCH_LEVEL
      When processor 1 calls NdisDprReleaseSpinLock on lock "B"
      Then processor 1 is at DISPATCH_LEVEL

    @requires:misuse-detection
    Scenario: NdisDprAcquireSpinLock on a lock never allocated is reported
      Given spin lock "B" is declared but not allocated
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisDprAcquireSpinLock on lock "B"
      Then the implementation reports a SpinLock violation

    @requires:misuse-detection
    Scenario: NdisDprReleaseSpinLock on a lock never allocated is reported
      Given spin lock "B" is declared but not allocated
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisDprReleaseSpinLock on lock "B"
      Then the implementation reports a SpinLock violation

  @untestable
  @clause:NdisDprAcquireSpinLock.remarks.driver-must-provide-resident-storage-spin
  Rule: The driver must provide resident storage for the spin lock(s) it uses.
    Untestable from outside: the simulated machine has no paging, and where the caller keeps the lock is invisible to the implementation.

  @clause:NdisDprAcquireSpinLock.remarks.NdisDprAcquireSpinLock-optimized-version-NdisAcquireSpinLock-miniport-driver
  Rule: NdisDprAcquireSpinLock is an optimized version of NdisAcquireSpinLock that a miniport driver can call only while running at IRQL = DISPATCH_LEVEL.

    Scenario: At DISPATCH_LEVEL the Dpr pair takes and gives back the lock with no raise and no lower
      When processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      Then processor 1's NdisDprAcquireSpinLock returned at DISPATCH_LEVEL with 0 raises and 0 lowers
      And processor 1 holds lock "A" at DISPATCH_LEVEL
      When processor 1 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 1's NdisDprReleaseSpinLock returned at DISPATCH_LEVEL with 0 raises and 0 lowers
      And processor 0 at PASSIVE_LEVEL can take and give back lock "A" with NdisAcquireSpinLock and NdisReleaseSpinLock

    Scenario: A processor spinning in NdisDprAcquireSpinLock stays at DISPATCH_LEVEL and makes no raise or lower
      Given processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 1 at DISPATCH_LEVEL starts NdisDprAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 acquires lock "A"
      And processor 1's NdisDprAcquireSpinLock returned at DISPATCH_LEVEL with 0 raises and 0 lowers
      And processor 1 calls NdisDprReleaseSpinLock on lock "A"

    @requires:misuse-detection
    Scenario Outline: NdisDprAcquireSpinLock at <irql>, not DISPATCH_LEVEL, is reported
      When processor 0 at <irql> wrongly calls NdisDprAcquireSpinLock on lock "A"
      Then the implementation reports an Irql_Synch_Function violation

      Examples:
        | irql          |
        | PASSIVE_LEVEL |
        | APC_LEVEL     |
        | DIRQL 5       |

  @clause:NdisDprAcquireSpinLock.remarks.after-acquiring-spin-lock-NdisDprAcquireSpinLock-caller
  Rule: After acquiring a spin lock with NdisDprAcquireSpinLock, the caller must release that lock with a call to NdisDprReleaseSpinLock.

    Scenario: Released with NdisDprReleaseSpinLock, the lock is free for another processor
      When processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      And processor 0 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 0 is at DISPATCH_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    @requires:misuse-detection
    Scenario: Releasing with NdisReleaseSpinLock a lock taken with NdisDprAcquireSpinLock is reported
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisReleaseSpinLock on lock "A"
      Then the implementation reports a SpinLockDprRelease violation

  @clause:NdisDprAcquireSpinLock.remarks.miniport-driver-must-call-NdisDprReleaseSpinLock-following
  Rule: A miniport driver must call NdisDprReleaseSpinLock following each call to NdisDprAcquireSpinLock.

    Scenario: Acquire and release cycles with the Dpr pair on two processors leave the lock free
      When processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      And processor 0 calls NdisDprReleaseSpinLock on lock "A"
      And processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      And processor 1 calls NdisDprReleaseSpinLock on lock "A"
      And processor 0 calls NdisDprAcquireSpinLock on lock "A"
      And processor 0 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 0 is at DISPATCH_LEVEL
      And processor 1 at PASSIVE_LEVEL can take and give back lock "A" with NdisAcquireSpinLock and NdisReleaseSpinLock

    @requires:misuse-detection
    Scenario: A second NdisDprAcquireSpinLock without a release in between is reported
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisDprAcquireSpinLock on lock "A"
      Then the implementation reports a SpinLock violation

  @clause:NdisDprAcquireSpinLock.remarks.otherwise-deadlock-occurs-hanging-driver
  Rule: Otherwise, a deadlock occurs, hanging the driver.
    # Informative: no scenario is required.

  @clause:NdisDprAcquireSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released
  Rule: A spin lock acquired with NdisDprAcquireSpinLock must be released with NdisDprReleaseSpinLock.

    Scenario: A lock taken with NdisDprAcquireSpinLock and given back with NdisDprReleaseSpinLock can be taken by NdisAcquireSpinLock
      When processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      And processor 1 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 1 is at DISPATCH_LEVEL
      And processor 1 made 0 raises and 0 lowers
      And processor 0 at PASSIVE_LEVEL can take and give back lock "A" with NdisAcquireSpinLock and NdisReleaseSpinLock

    @requires:misuse-detection
    Scenario: Releasing with NdisReleaseSpinLock a lock taken with NdisDprAcquireSpinLock is reported
      Given processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 1 wrongly calls NdisReleaseSpinLock on lock "A"
      Then the implementation reports a SpinLockDprRelease violation

  @clause:NdisDprAcquireSpinLock.remarks.spin-lock-acquired-NdisAcquireSpinLock-must-released
  Rule: A spin lock acquired with NdisAcquireSpinLock must be released with NdisReleaseSpinLock.

    Scenario: A lock taken with NdisAcquireSpinLock and given back with NdisReleaseSpinLock can be taken by the Dpr pair
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    @requires:misuse-detection
    Scenario: Releasing with NdisDprReleaseSpinLock a lock taken with NdisAcquireSpinLock is reported
      Given processor 1 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 1 wrongly calls NdisDprReleaseSpinLock on lock "A"
      Then the implementation reports a SpinLockDpr violation

  @untestable
  @clause:NdisDprAcquireSpinLock.remarks.driver-should-never-hold-spin-lock
  Rule: A driver should never hold a spin lock for an extended period (more than a few instructions).
    Untestable from outside: how long the caller holds the lock is the caller's duty; the implementation has no behaviour of its own to check for it.

  @clause:NdisDprAcquireSpinLock.remarks.holding-spin-lock-longer-than-25
  Rule: Holding a spin lock for longer than 25 microseconds degrades both system and driver performance.
    # Informative: no scenario is required.

  @untestable
  @clause:NdisDprAcquireSpinLock.remarks.miniport-driver-cannot-use-spin-lock
  Rule: A miniport driver cannot use a spin lock to protect resources that its other functions share with the MiniportInterrupt and/or MiniportDisableInterruptEx functions.
    Untestable from outside: MiniportInterrupt runs at DIRQL, outside this family; what a caller shares with it is invisible to the implementation.

  @untestable
  @clause:NdisDprAcquireSpinLock.remarks.instead-miniport-driver-must-call-NdisMSynchronizeWithInterruptEx
  Rule: Instead, a miniport driver must call NdisMSynchronizeWithInterruptEx so that its MiniportSynchronizeInterrupt function accesses such shared resources at the same DIRQL at which its MiniportInterrupt and/or MiniportDisableInterruptEx functions do.
    Untestable from outside: NdisMSynchronizeWithInterruptEx is not a function of this family, so the implementation never sees whether a caller uses it.

  @clause:NdisDprAcquireSpinLock.remarks.more-information-about-acquiring-releasing-ndis
  Rule: For more information about acquiring and releasing NDIS spin locks, see Synchronization and Notification in Network Drivers.
    # Informative: no scenario is required.

  @clause:NdisDprAcquireSpinLock.requirements.irql
  Rule: IRQL: DISPATCH_LEVEL

    Scenario: Called at DISPATCH_LEVEL, NdisDprAcquireSpinLock returns there holding the lock
      When processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      Then processor 0 holds lock "A" at DISPATCH_LEVEL
      And processor 0's NdisDprAcquireSpinLock returned at DISPATCH_LEVEL with 0 raises and 0 lowers
      And processor 0 calls NdisDprReleaseSpinLock on lock "A"

    @requires:misuse-detection
    Scenario Outline: NdisDprAcquireSpinLock at <irql> is reported
      When processor 1 at <irql> wrongly calls NdisDprAcquireSpinLock on lock "A"
      Then the implementation reports an Irql_Synch_Function violation

      Examples:
        | irql          |
        | PASSIVE_LEVEL |
        | APC_LEVEL     |
        | HIGH_LEVEL    |
