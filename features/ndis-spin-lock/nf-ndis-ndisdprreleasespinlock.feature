# Conformance features for docs-source/ndis/nf-ndis-ndisdprreleasespinlock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-spin-lock
Feature: NdisDprReleaseSpinLock does what the reference page says
  NF:ndis.NdisDprReleaseSpinLock. Every scenario runs on a fresh simulated machine; processors enter at
  the IRQLs the scenario gives, and every call into the implementation is bounded by the watchdog.

  Background:
    Given a simulated machine with at least 2 processors
    And spin lock "A" allocated by processor 0 at PASSIVE_LEVEL

  @clause:NdisDprReleaseSpinLock.description.NdisDprReleaseSpinLock-function-releases-spin-lock-acquired
  Rule: The NdisDprReleaseSpinLock function releases a spin lock acquired in the immediately preceding call to the NdisDprAcquireSpinLock function.

    Scenario: A processor spinning in NdisDprAcquireSpinLock acquires the lock once the holder calls NdisDprReleaseSpinLock
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 1 at DISPATCH_LEVEL starts NdisDprAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 1 acquires lock "A"
      And processor 0 is at DISPATCH_LEVEL
      And processor 1 calls NdisDprReleaseSpinLock on lock "A"

    Scenario: A lock released with NdisDprReleaseSpinLock can be taken with NdisAcquireSpinLock on another processor
      When processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      And processor 1 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 0 at APC_LEVEL can take and give back lock "A" with NdisAcquireSpinLock and NdisReleaseSpinLock

    @requires:misuse-detection
    Scenario: NdisDprReleaseSpinLock of a lock that was never acquired is reported
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisDprReleaseSpinLock on lock "A"
      Then the implementation reports a SpinlockRelease violation

    @requires:misuse-detection
    Scenario: NdisDprReleaseSpinLock of a lock held by another processor is reported
      Given processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisDprReleaseSpinLock on lock "A"
      Then the implementation reports a SpinlockRelease violation

  @clause:NdisDprReleaseSpinLock.remarks.release-spin-lock-allows-another-driver
  Rule: Release of the spin lock allows another driver function to use the resources the lock protects after that function acquires the spin lock.

    Scenario: The data written under the lock is seen by the next owner, whichever call it takes the lock with
      When 2 processors run 1000 critical sections each on lock "A", processor 0 with NdisAcquireSpinLock from PASSIVE_LEVEL and APC_LEVEL, processor 1 with NdisDprAcquireSpinLock at DISPATCH_LEVEL
      Then no two processors were ever inside the critical section of lock "A" at once
      And every critical section saw the data written by the previous owner

    Scenario: A processor waiting in NdisAcquireSpinLock gets the lock after NdisDprReleaseSpinLock
      Given processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 at PASSIVE_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 0 is still spinning on lock "A"
      When processor 1 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 0 acquires lock "A"
      And processor 0 holds lock "A" at DISPATCH_LEVEL
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at PASSIVE_LEVEL

  @clause:NdisDprReleaseSpinLock.remarks.spin-lock-acquired-NdisDprAcquireSpinLock-must-released
  Rule: A spin lock acquired with NdisDprAcquireSpinLock must be released with NdisDprReleaseSpinLock.

    Scenario: The Dpr pair leaves IRQL at DISPATCH_LEVEL and makes no raise or lower
      When processor 1 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      Then processor 1 holds lock "A" at DISPATCH_LEVEL
      When processor 1 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 1 is at DISPATCH_LEVEL
      And processor 1 made 0 raises and 0 lowers
      And processor 0 at PASSIVE_LEVEL can take and give back lock "A" with NdisAcquireSpinLock and NdisReleaseSpinLock

    @requires:misuse-detection
    Scenario: Releasing with NdisReleaseSpinLock a lock taken with NdisDprAcquireSpinLock is reported
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisReleaseSpinLock on lock "A"
      Then the implementation reports a SpinLockDprRelease violation

  @clause:NdisDprReleaseSpinLock.remarks.spin-lock-acquired-NdisAcquireSpinLock-must-released
  Rule: A spin lock acquired with NdisAcquireSpinLock must be released with NdisReleaseSpinLock.

    Scenario: A lock taken with NdisAcquireSpinLock and given back with NdisReleaseSpinLock restores the caller's IRQL
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    @requires:misuse-detection
    Scenario: Releasing with NdisDprReleaseSpinLock a lock taken with NdisAcquireSpinLock is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisDprReleaseSpinLock on lock "A"
      Then the implementation reports a SpinLockDpr violation

  @clause:NdisDprReleaseSpinLock.remarks.more-information-about-acquiring-releasing-ndis
  Rule: For more information about acquiring and releasing NDIS spin locks, see Synchronization and Notification in Network Drivers.
    # Informative: no scenario is required.

  @clause:NdisDprReleaseSpinLock.requirements.irql
  Rule: IRQL: DISPATCH_LEVEL

    Scenario: Called at DISPATCH_LEVEL, NdisDprReleaseSpinLock returns there with no raise and no lower
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 calls NdisDprReleaseSpinLock on lock "A"
      Then processor 0's NdisDprReleaseSpinLock returned at DISPATCH_LEVEL with 0 raises and 0 lowers
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    @requires:misuse-detection
    Scenario Outline: NdisDprReleaseSpinLock at <irql> is reported
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireSpinLock on lock "A"
      When processor 0 at <irql> wrongly calls NdisDprReleaseSpinLock on lock "A"
      Then the implementation reports an Irql_Synch_Function violation

      Examples:
        | irql          |
        | PASSIVE_LEVEL |
        | APC_LEVEL     |
