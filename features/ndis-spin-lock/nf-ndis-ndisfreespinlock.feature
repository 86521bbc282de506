# Conformance features for docs-source/ndis/nf-ndis-ndisfreespinlock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-spin-lock
Feature: NdisFreeSpinLock does what the reference page says
  NF:ndis.NdisFreeSpinLock. Every scenario runs on a fresh simulated machine; processors enter at
  the IRQLs the scenario gives, and every call into the implementation is bounded by the watchdog.

  Background:
    Given a simulated machine with at least 2 processors
    And spin lock "A" allocated by processor 0 at PASSIVE_LEVEL

  @clause:NdisFreeSpinLock.description.NdisFreeSpinLock-function-releases-spin-lock-initialized
  Rule: The NdisFreeSpinLock function releases a spin lock initialized in a preceding call to the NdisAllocateSpinLock functioin.

    Scenario: A lock that was used is freed, and allocated again it is free
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      And processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      Then processor 0's NdisFreeSpinLock returned at PASSIVE_LEVEL with 0 raises and 0 lowers
      When processor 1 at PASSIVE_LEVEL calls NdisAllocateSpinLock on lock "A"
      Then processor 0 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    Scenario: A lock that was never acquired is freed
      When processor 1 at APC_LEVEL calls NdisFreeSpinLock on lock "A"
      Then processor 1's NdisFreeSpinLock returned at APC_LEVEL with 0 raises and 0 lowers

    @requires:misuse-detection
    Scenario: NdisFreeSpinLock on a lock never allocated is reported
      Given spin lock "B" is declared but not allocated
      When processor 0 at PASSIVE_LEVEL wrongly calls NdisFreeSpinLock on lock "B"
      Then the implementation reports a SpinLock violation

    @requires:misuse-detection
    Scenario: NdisFreeSpinLock on a lock already freed is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      When processor 1 at PASSIVE_LEVEL wrongly calls NdisFreeSpinLock on lock "A"
      Then the implementation reports a SpinLock violation

  @clause:NdisFreeSpinLock.remarks.if-caller-NdisFreeSpinLock-needs-use-spin
  Rule: If the caller of NdisFreeSpinLock needs to use the spin lock again, it must call NdisAllocateSpinLock before passing that spin lock pointer to any of the Ndis..SpinLock or NdisInterlockedXxx functions.

    Scenario: Freed and allocated again, the lock works with NdisAcquireSpinLock and with NdisDprAcquireSpinLock
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      And processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      And processor 0 at PASSIVE_LEVEL calls NdisAllocateSpinLock on lock "A"
      And processor 1 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      Then processor 1 holds lock "A" at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 is at PASSIVE_LEVEL
      And processor 0 at DISPATCH_LEVEL can take and give back lock "A" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    Scenario: Freed and allocated again, the lock still excludes a second processor
      When processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      And processor 0 at PASSIVE_LEVEL calls NdisAllocateSpinLock on lock "A"
      And processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 1 at APC_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 acquires lock "A"
      And processor 1 calls NdisReleaseSpinLock on lock "A"

    @requires:misuse-detection
    Scenario: NdisAcquireSpinLock on a freed lock that was not allocated again is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      When processor 0 at PASSIVE_LEVEL wrongly calls NdisAcquireSpinLock on lock "A"
      Then the implementation reports a SpinLock violation

    @requires:misuse-detection
    Scenario: NdisDprAcquireSpinLock on a freed lock that was not allocated again is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      When processor 1 at DISPATCH_LEVEL wrongly calls NdisDprAcquireSpinLock on lock "A"
      Then the implementation reports a SpinLock violation

  @clause:NdisFreeSpinLock.remarks.callers-NdisFreeSpinLock-can-run-irql
  Rule: Callers of NdisFreeSpinLock can run at any IRQL.

    Scenario Outline: NdisFreeSpinLock at <irql> returns at <irql>, neither raising nor lowering
      When processor 1 at <irql> calls NdisFreeSpinLock on lock "A"
      Then processor 1's NdisFreeSpinLock returned at <irql> with 0 raises and 0 lowers

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |
        | DIRQL 5        |
        | HIGH_LEVEL     |

  @clause:NdisFreeSpinLock.remarks.usually-function-not-called-until-driver
  Rule: Usually, this function is not called until a driver is unloading.
    # Informative: no scenario is required.

  @clause:NdisFreeSpinLock.requirements.irql
  Rule: IRQL: Any level (see Remarks section)

    Scenario Outline: A lock freed at <irql> and allocated again works for a caller at another IRQL
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      And processor 1 at <irql> calls NdisFreeSpinLock on lock "A"
      Then processor 1 is at <irql>
      When processor 1 at <irql> calls NdisAllocateSpinLock on lock "A"
      And processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      Then processor 0 holds lock "A" at DISPATCH_LEVEL
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at PASSIVE_LEVEL

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |
        | DIRQL 5        |
        | HIGH_LEVEL     |
