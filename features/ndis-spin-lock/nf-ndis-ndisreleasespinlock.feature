# Conformance features for docs-source/ndis/nf-ndis-ndisreleasespinlock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-spin-lock
Feature: NdisReleaseSpinLock and its family do what the reference page says
  NF:ndis.NdisReleaseSpinLock. Every scenario runs on a fresh simulated machine; processors enter at
  the IRQLs the scenario gives, and every call into the implementation is bounded by the watchdog.

  Background:
    Given a simulated machine with at least 2 processors
    And spin lock "A" allocated by processor 0 at PASSIVE_LEVEL

  @clause:NdisReleaseSpinLock.description.NdisReleaseSpinLock-function-releases-spin-lock-acquired
  Rule: The NdisReleaseSpinLock function releases a spin lock that was acquired in a preceding call to the NdisAcquireSpinLock function.

    Scenario: A lock released by one processor can be acquired by another
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      And processor 1 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      Then processor 1 holds lock "A" at DISPATCH_LEVEL
      And processor 1 calls NdisReleaseSpinLock on lock "A"

    Scenario: A processor spinning on the lock acquires it once the holder releases
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 1 at APC_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 acquires lock "A"
      And processor 1 holds lock "A" at DISPATCH_LEVEL

    Scenario: The lock is free before the releasing processor lowers its IRQL
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 will pause inside its next KeLowerIrql
      When processor 0 starts NdisReleaseSpinLock on lock "A"
      Then processor 0 pauses inside KeLowerIrql
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock
      When processor 0 is let go
      Then processor 0 returns from NdisReleaseSpinLock at PASSIVE_LEVEL

    Scenario Outline: Mutual exclusion under contention, processors entering at different IRQLs
      When <processors> processors each run <rounds> critical sections on lock "A" with NdisAcquireSpinLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no two processors were ever inside the critical section of lock "A" at once
      And every critical section saw the data written by the previous owner
      And every processor ran at DISPATCH_LEVEL inside every critical section

      Examples:
        | processors | rounds |
        | 2          | 2000   |
        | 4          | 1000   |

    Scenario: NdisAcquireSpinLock on one processor excludes NdisDprAcquireSpinLock on another
      When 2 processors run 2000 critical sections each on lock "A", processor 0 with NdisAcquireSpinLock from PASSIVE_LEVEL and APC_LEVEL, processor 1 with NdisDprAcquireSpinLock at DISPATCH_LEVEL
      Then no two processors were ever inside the critical section of lock "A" at once
      And every critical section saw the data written by the previous owner

  @clause:NdisReleaseSpinLock.remarks.driver-must-initialize-spin-lock-NdisAllocateSpinLock
  Rule: A driver must initialize its spin lock with NdisAllocateSpinLock before it calls any other Ndis..SpinLock function to access the resources protected by that spin lock.

    Scenario Outline: Allocate, use, free and allocate again at <irql>
      Given spin lock "B" is declared but not allocated
      When processor 1 at <irql> calls NdisAllocateSpinLock on lock "B"
      Then processor 1 is at <irql>
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "B"
      And processor 0 calls NdisReleaseSpinLock on lock "B"
      And processor 1 at <irql> calls NdisFreeSpinLock on lock "B"
      And processor 1 at <irql> calls NdisAllocateSpinLock on lock "B"
      Then processor 0 at DISPATCH_LEVEL can take and give back lock "B" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "B"
      Then processor 0 holds lock "B" at DISPATCH_LEVEL
      When processor 0 calls NdisReleaseSpinLock on lock "B"
      Then processor 0 is at APC_LEVEL

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    @requires:misuse-detection
    Scenario: Acquiring a lock that was never allocated is reported
      Given spin lock "B" is declared but not allocated
      When processor 0 at PASSIVE_LEVEL wrongly calls NdisAcquireSpinLock on lock "B"
      Then the implementation reports a SpinLock violation

    @requires:misuse-detection
    Scenario: Acquiring a lock after it was freed is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      When processor 0 at PASSIVE_LEVEL wrongly calls NdisAcquireSpinLock on lock "A"
      Then the implementation reports a SpinLock violation

  @clause:NdisReleaseSpinLock.remarks.driver-must-call-NdisAcquireSpinLock-acquire-spin
  Rule: A driver must call NdisAcquireSpinLock to acquire the spin lock before it can call NdisReleaseSpinLock.

    Scenario: Release after acquire on the same processor leaves the lock free
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    @requires:misuse-detection
    Scenario: Releasing a lock that was never acquired is reported
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisReleaseSpinLock on lock "A"
      Then the implementation reports a SpinlockRelease violation

    @requires:misuse-detection
    Scenario: Releasing a lock held by another processor is reported
      Given processor 1 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisReleaseSpinLock on lock "A"
      Then the implementation reports a SpinlockRelease violation

  @clause:NdisReleaseSpinLock.remarks.each-call-NdisAcquireSpinLock-requires-reciprocal-call
  Rule: Each call to NdisAcquireSpinLock requires a reciprocal call to NdisReleaseSpinLock before the driver can call NdisAcquireSpinLock again.

    Scenario: Many acquire and release cycles on each processor
      When every processor runs 500 acquire and release cycles on lock "A", entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then every release restored the IRQL its acquire was entered at
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    @requires:misuse-detection
    Scenario: Acquiring the lock again before releasing it is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisAcquireSpinLock on lock "A"
      Then the implementation reports a SpinLock violation

  @clause:NdisReleaseSpinLock.remarks.NdisReleaseSpinLock-restores-original-irql-which-caller
  Rule: NdisReleaseSpinLock restores the original IRQL at which its caller was running before the call to NdisAcquireSpinLock.

    Scenario Outline: The IRQL is restored from <entry>, and is DISPATCH_LEVEL in between
      When processor 1 at <entry> calls NdisAcquireSpinLock on lock "A"
      Then processor 1 holds lock "A" at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 is at <entry>
      And processor 1 made 1 raise and 1 lower

      Examples:
        | entry          |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    Scenario: Nested locks released in reverse order restore each level
      Given spin lock "B" allocated by processor 0 at PASSIVE_LEVEL
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisAcquireSpinLock on lock "B"
      And processor 0 calls NdisReleaseSpinLock on lock "B"
      Then processor 0 is at DISPATCH_LEVEL
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL

    Scenario: Each processor gets back its own IRQL when they contend
      Given processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 1 at PASSIVE_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL
      And processor 1 acquires lock "A"
      When processor 1 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 is at PASSIVE_LEVEL

    Scenario: Each processor gets back its own IRQL under sustained contention
      When every processor runs 1000 acquire and release cycles on lock "A", entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then every release restored the IRQL its acquire was entered at

  @clause:NdisReleaseSpinLock.remarks.spin-lock-acquired-NdisAcquireSpinLock-must-released
  Rule: Any spin lock acquired with NdisAcquireSpinLock must be released with NdisReleaseSpinLock.

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

  @clause:NdisReleaseSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released
  Rule: Any spin lock acquired with NdisDprAcquireSpinLock must be released with NdisDprReleaseSpinLock.

    Scenario: The Dpr pair leaves IRQL at DISPATCH_LEVEL and makes no raise or lower
      When processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      Then processor 1 holds lock "A" at DISPATCH_LEVEL
      When processor 1 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 1 is at DISPATCH_LEVEL
      And processor 1 made 0 raises and 0 lowers
      And processor 0 at PASSIVE_LEVEL can take and give back lock "A" with NdisAcquireSpinLock and NdisReleaseSpinLock

    Scenario: A lock held with NdisDprAcquireSpinLock keeps NdisAcquireSpinLock out until NdisDprReleaseSpinLock
      Given processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 at PASSIVE_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 0 is still spinning on lock "A"
      When processor 1 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 0 acquires lock "A"
      And processor 1 is at DISPATCH_LEVEL

    @requires:misuse-detection
    Scenario: Releasing with NdisReleaseSpinLock a lock taken with NdisDprAcquireSpinLock is reported
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisReleaseSpinLock on lock "A"
      Then the implementation reports a SpinLockDprRelease violation

  @clause:NdisReleaseSpinLock.remarks.more-information-about-acquiring-releasing-ndis
  Rule: For more information about acquiring and releasing NDIS spin locks, see Synchronization and Notification in Network Drivers.
    # Informative: no scenario is required.

  @clause:NdisReleaseSpinLock.requirements.irql
  Rule: IRQL: DISPATCH_LEVEL

    Scenario: While the lock is held, a DPC queued to the holder's processor waits for the release
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      When a DPC that takes lock "A" is queued to processor 0
      Then the DPC has not run
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then the DPC ran on processor 0 after lock "A" was released

    Scenario: A DPC queued to a processor spinning in NdisAcquireSpinLock waits until that processor releases the lock
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 1 at PASSIVE_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When a DPC that takes lock "A" is queued to processor 1
      Then the DPC has not run
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 acquires lock "A"
      And the DPC has not run
      When processor 1 calls NdisReleaseSpinLock on lock "A"
      Then the DPC ran on processor 1 after lock "A" was released

    Scenario: The acquiring processor raises its IRQL before it takes the lock
      Given processor 0 will pause inside its next KeRaiseIrql
      When processor 0 at PASSIVE_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 0 pauses inside KeRaiseIrql
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock
      When processor 0 is let go
      Then processor 0 acquires lock "A"
      And processor 0 holds lock "A" at DISPATCH_LEVEL

    Scenario: Under the kit's scheduler, a DPC that takes the lock may interrupt a processor at any point below DISPATCH_LEVEL
      When 2 processors each run critical sections on lock "A" with NdisAcquireSpinLock, entering at PASSIVE_LEVEL and APC_LEVEL, while a DPC that takes lock "A" may arrive at any point
      Then no DPC ran on a processor while it held lock "A"

    @requires:misuse-detection
    Scenario: Acquiring above DISPATCH_LEVEL is reported
      When processor 0 at DIRQL 5 wrongly calls NdisAcquireSpinLock on lock "A"
      Then the implementation reports an Irql_Synch_Function violation

    @requires:misuse-detection
    Scenario: The Dpr pair below DISPATCH_LEVEL is reported
      When processor 0 at PASSIVE_LEVEL wrongly calls NdisDprAcquireSpinLock on lock "A"
      Then the implementation reports an Irql_Synch_Function violation
