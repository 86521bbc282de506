# Conformance features for docs-source/ndis/nf-ndis-ndisallocatespinlock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-spin-lock
Feature: NdisAllocateSpinLock does what the reference page says
  NF:ndis.NdisAllocateSpinLock. Every scenario runs on a fresh simulated machine; processors enter at
  the IRQLs the scenario gives, and every call into the implementation is bounded by the watchdog.
  Lock "A" is allocated before each scenario; lock "B", when a scenario needs it, only where it says so.

  Background:
    Given a simulated machine with at least 2 processors
    And spin lock "A" allocated by processor 0 at PASSIVE_LEVEL

  @clause:NdisAllocateSpinLock.description.NdisAllocateSpinLock-function-initializes-variable-type-ndis_spin_lock
  Rule: The NdisAllocateSpinLock function initializes a variable of type NDIS_SPIN_LOCK, used to synchronize access to resources shared among non-ISR driver functions.

    Scenario: A just allocated lock is free: another processor acquires it at once
      Given spin lock "B" is declared but not allocated
      When processor 0 at PASSIVE_LEVEL calls NdisAllocateSpinLock on lock "B"
      And processor 1 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "B"
      Then processor 1 holds lock "B" at DISPATCH_LEVEL
      And processor 1 calls NdisReleaseSpinLock on lock "B"

    Scenario: A just allocated lock is free to NdisDprAcquireSpinLock too
      Given spin lock "B" is declared but not allocated
      When processor 0 at APC_LEVEL calls NdisAllocateSpinLock on lock "B"
      Then processor 1 at DISPATCH_LEVEL can take and give back lock "B" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    Scenario: A just allocated lock synchronizes: a second processor waits for the first to release it
      Given spin lock "B" is declared but not allocated
      When processor 1 at PASSIVE_LEVEL calls NdisAllocateSpinLock on lock "B"
      And processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "B"
      And processor 1 at PASSIVE_LEVEL starts NdisAcquireSpinLock on lock "B"
      Then processor 1 is still spinning on lock "B"
      When processor 0 calls NdisReleaseSpinLock on lock "B"
      Then processor 1 acquires lock "B"
      And processor 1 holds lock "B" at DISPATCH_LEVEL
      And processor 1 calls NdisReleaseSpinLock on lock "B"

  @clause:NdisAllocateSpinLock.remarks.before-driver-calls-NdisAcquireSpinLock-NdisDprAcquireSpinLock-ndisinterlockedxxx
  Rule: Before a driver calls NdisAcquireSpinLock, NdisDprAcquireSpinLock, or any of the NdisInterlockedXxx functions, it must call NdisAllocateSpinLock to initialize the spin lock passed as a required parameter to these NdisXxx functions.

    Scenario: A lock allocated first can be taken with NdisAcquireSpinLock and with NdisDprAcquireSpinLock
      Given spin lock "B" is declared but not allocated
      When processor 1 at DISPATCH_LEVEL calls NdisAllocateSpinLock on lock "B"
      And processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "B"
      And processor 0 calls NdisReleaseSpinLock on lock "B"
      Then processor 0 is at PASSIVE_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "B" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

    @requires:misuse-detection
    Scenario: NdisAcquireSpinLock on a lock never allocated is reported
      Given spin lock "B" is declared but not allocated
      When processor 0 at APC_LEVEL wrongly calls NdisAcquireSpinLock on lock "B"
      Then the implementation reports a SpinLock violation

    @requires:misuse-detection
    Scenario: NdisDprAcquireSpinLock on a lock never allocated is reported
      Given spin lock "B" is declared but not allocated
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisDprAcquireSpinLock on lock "B"
      Then the implementation reports a SpinLock violation

  @untestable
  @clause:NdisAllocateSpinLock.remarks.caller-must-provide-nonpaged-storage-variable
  Rule: The caller must provide nonpaged storage for the variable at SpinLock .
    Untestable from outside: the simulated machine has no paging, and where the caller keeps the lock is invisible to the implementation.

  @clause:NdisAllocateSpinLock.remarks.after-calling-NdisAllocateSpinLock-driver-can-call
  Rule: After calling NdisAllocateSpinLock, the driver can call NdisAcquireSpinLock to obtain exclusive use of the resource(s) the spin lock protects.

    Scenario Outline: Allocated at <irql>, the lock gives its holder exclusive use until it is released
      Given spin lock "B" is declared but not allocated
      When processor 1 at <irql> calls NdisAllocateSpinLock on lock "B"
      And processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "B"
      And processor 1 at APC_LEVEL starts NdisAcquireSpinLock on lock "B"
      Then processor 1 is still spinning on lock "B"
      When processor 0 calls NdisReleaseSpinLock on lock "B"
      Then processor 1 acquires lock "B"
      And processor 0 is at PASSIVE_LEVEL
      When processor 1 calls NdisReleaseSpinLock on lock "B"
      Then processor 1 is at APC_LEVEL

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    Scenario: Mutual exclusion under contention on a freshly allocated lock, processors entering at different IRQLs
      When 2 processors each run 1000 critical sections on lock "A" with NdisAcquireSpinLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no two processors were ever inside the critical section of lock "A" at once
      And every critical section saw the data written by the previous owner
      And every processor ran at DISPATCH_LEVEL inside every critical section

  @clause:NdisAllocateSpinLock.remarks.when-resource-access-complete-driver-calls
  Rule: When resource access is complete, the driver calls NdisReleaseSpinLock so that other driver functions can access the resource(s) protected by that spin lock.

    Scenario: Once the holder calls NdisReleaseSpinLock, the processor spinning on the lock gets it
      Given spin lock "B" allocated by processor 1 at PASSIVE_LEVEL
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "B"
      And processor 1 at APC_LEVEL starts NdisAcquireSpinLock on lock "B"
      Then processor 1 is still spinning on lock "B"
      When processor 0 calls NdisReleaseSpinLock on lock "B"
      Then processor 1 acquires lock "B"
      And processor 0 is at PASSIVE_LEVEL
      When processor 1 calls NdisReleaseSpinLock on lock "B"
      Then processor 1 is at APC_LEVEL

  @clause:NdisAllocateSpinLock.remarks.general-rule-improve-performance-driver-should
  Rule: As a general rule, to improve performance a driver should use different locks to protect different critical sections.

    Scenario: Two allocated locks are independent: holding one does not keep another processor out of the other
      Given spin lock "B" allocated by processor 1 at PASSIVE_LEVEL
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 1 at APC_LEVEL calls NdisAcquireSpinLock on lock "B"
      Then processor 0 holds lock "A" at DISPATCH_LEVEL
      And processor 1 holds lock "B" at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseSpinLock on lock "B"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at PASSIVE_LEVEL
      And processor 1 is at APC_LEVEL

  @clause:NdisAllocateSpinLock.remarks.thus-driver-might-initialize-more-than
  Rule: Thus, a driver might initialize more than one spin lock with NdisAllocateSpinLock.
    # Informative: no scenario is required.

  @clause:NdisAllocateSpinLock.remarks.each-spin-lock-driver-allocates-protects
  Rule: Each spin lock that a driver allocates protects a discrete set of shared resources from simultanous access by driver functions that run at IRQL <= DISPATCH_LEVEL.
    # Informative: no scenario is required.

  @clause:NdisAllocateSpinLock.remarks.example-driver-maintains-internal-queue-packets
  Rule: For example, a driver that maintains an internal queue of packets might initialize one spin lock to protect its queue and another to protect a set of state variables that several driver functions, not including the MiniportInterrupt or MiniportDisableInterruptEx function, access while the driver is processing packets.
    # Informative: no scenario is required.

  @clause:NdisAllocateSpinLock.remarks.NdisAcquireSpinLock-raises-irql-dispatch_level-stores-old
  Rule: NdisAcquireSpinLock raises the IRQL to DISPATCH_LEVEL and stores the old IRQL in the spin lock.

    Scenario Outline: Entered at <entry>, NdisAcquireSpinLock raises to DISPATCH_LEVEL, and its release gives back <entry>
      Given processor 0 will pause just after its next KeRaiseIrql
      When processor 0 at <entry> starts NdisAcquireSpinLock on lock "A"
      Then processor 0 pauses just after KeRaiseIrql, at DISPATCH_LEVEL
      When processor 0 is let go
      Then processor 0 acquires lock "A"
      And processor 0 holds lock "A" at DISPATCH_LEVEL
      And processor 0's NdisAcquireSpinLock returned at DISPATCH_LEVEL with 1 raise and 0 lowers
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at <entry>

      Examples:
        | entry         |
        | PASSIVE_LEVEL |
        | APC_LEVEL     |

    Scenario: Entered at DISPATCH_LEVEL, NdisAcquireSpinLock stays there and its release leaves the caller there
      When processor 1 at DISPATCH_LEVEL calls NdisAcquireSpinLock on lock "A"
      Then processor 1 holds lock "A" at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 is at DISPATCH_LEVEL

    Scenario: The old IRQL is stored in each spin lock: acquire A at PASSIVE_LEVEL, acquire B, release A, release B
      # The page's sequence. NdisReleaseSpinLock must be called at DISPATCH_LEVEL, so before releasing B the caller
      # raises itself back to DISPATCH_LEVEL; each release then sets the IRQL to the value stored in its own lock.
      Given spin lock "B" allocated by processor 0 at PASSIVE_LEVEL
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisAcquireSpinLock on lock "B"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at PASSIVE_LEVEL
      When processor 0 at DISPATCH_LEVEL calls NdisReleaseSpinLock on lock "B"
      Then processor 0 is at DISPATCH_LEVEL

    Scenario: The old IRQL is stored in the spin lock by its owner: a waiter does not overwrite it
      Given processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 1 at PASSIVE_LEVEL starts NdisAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL
      And processor 1 acquires lock "A"
      When processor 1 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 is at PASSIVE_LEVEL

  @clause:NdisAllocateSpinLock.remarks.releasing-spin-lock-sets-irql-value
  Rule: Releasing the spin lock sets the IRQL to the value stored in the spin lock.
    # Informative: no scenario is required.

  @clause:NdisAllocateSpinLock.remarks.because-ndis-sometimes-enters-drivers-passive_level
  Rule: Because NDIS sometimes enters drivers at PASSIVE_LEVEL, problems can arise with the following code:
    # Informative: no scenario is required.

  @clause:NdisAllocateSpinLock.remarks.driver-should-not-access-spin-locks
  Rule: A driver should not access spin locks in this sequence for the following reasons:

    Scenario: Nested locks released in the reverse order of their acquisition restore each level
      Given spin lock "B" allocated by processor 0 at PASSIVE_LEVEL
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisAcquireSpinLock on lock "B"
      And processor 0 calls NdisReleaseSpinLock on lock "B"
      Then processor 0 is at DISPATCH_LEVEL
      When processor 0 calls NdisReleaseSpinLock on lock "A"
      Then processor 0 is at PASSIVE_LEVEL

    @requires:misuse-detection
    Scenario: In the page's sequence, releasing B at PASSIVE_LEVEL after releasing A is reported
      Given spin lock "B" allocated by processor 0 at PASSIVE_LEVEL
      And processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisAcquireSpinLock on lock "B"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      When processor 0 wrongly calls NdisReleaseSpinLock on lock "B"
      Then the implementation reports an Irql_Synch_Function violation

  @clause:NdisAllocateSpinLock.remarks.between-NdisReleaseSpinLock-NdisReleaseSpinLock-b-code-running
  Rule: Between NdisReleaseSpinLock(A) and NdisReleaseSpinLock(B) the code is running at PASSIVE_LEVEL instead of DISPATCH_LEVEL and is subject to inappropriate interruption.
    # Informative: no scenario is required.

  @clause:NdisAllocateSpinLock.remarks.after-NdisReleaseSpinLock-b-code-running-dispatch_level
  Rule: After NdisReleaseSpinLock(B) the code is running at DISPATCH_LEVEL which could cause the caller to fault at much later time with an IRQL_NOT_LESS_OR_EQUAL stop error.
    # Informative: no scenario is required.

  @untestable
  @clause:NdisAllocateSpinLock.remarks.driver-should-never-use-two-spin
  Rule: A driver should never use two spin locks to protect the same (sub)set of resources because nested spin lock acquisitions so frequently cause deadlocks.
    Untestable from outside: which resources each lock protects is the caller's design; the implementation sees only calls on locks, never what they protect.

  @clause:NdisAllocateSpinLock.remarks.even-if-driver-could-designed-prevent
  Rule: Even if a driver could be designed to prevent deadlocks, nested spin lock acquisitions have an adverse effect on driver performance and I/O throughput.
    # Informative: no scenario is required.

  @untestable
  @clause:NdisAllocateSpinLock.remarks.miniport-driver-cannot-use-spin-lock
  Rule: A miniport driver cannot use a spin lock to protect resources that its non-ISR functions share with its MiniportInterrupt or MiniportDisableInterruptEx function.
    Untestable from outside: MiniportInterrupt runs at DIRQL, outside this family; what a caller shares with it is invisible to the implementation.

  @untestable
  @clause:NdisAllocateSpinLock.remarks.access-resources-shared-MiniportInterrupt-MiniportDisableInterruptEx-function
  Rule: To access resources shared with a MiniportInterrupt or MiniportDisableInterruptEx function, a miniport driver must call NdisMSynchronizeWithInterruptEx to have its MiniportSynchronizeInterrupt function access those resources at DIRQL.
    Untestable from outside: NdisMSynchronizeWithInterruptEx is not a function of this family, so the implementation never sees whether a caller uses it.

  @clause:NdisAllocateSpinLock.remarks.when-driver-no-longer-requires-resource
  Rule: When a driver no longer requires resource protection, for example, when a NIC is being removed and the driver is releasing the resources it allocated for that NIC, the driver calls NdisFreeSpinLock.

    Scenario Outline: A lock no longer held is freed at <irql>
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      And processor 1 at <irql> calls NdisFreeSpinLock on lock "A"
      Then processor 1's NdisFreeSpinLock returned at <irql> with 0 raises and 0 lowers
      And processor 0 is at APC_LEVEL

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | DISPATCH_LEVEL |

    @requires:misuse-detection
    Scenario: Freeing a lock that is still held is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      When processor 0 wrongly calls NdisFreeSpinLock on lock "A"
      Then the implementation reports a SpinLockBalanced violation

  @clause:NdisAllocateSpinLock.remarks.freeing-spin-lock-releasing-spin-lock
  Rule: Freeing a spin lock and releasing a spin lock are potentially confusing.
    # Informative: no scenario is required.

  @clause:NdisAllocateSpinLock.remarks.NdisFreeSpinLock-clears-memory-SpinLock-so-no
  Rule: NdisFreeSpinLock clears the memory at SpinLock so it no longer represents a spin lock.

    Scenario: Nothing of the lock before NdisFreeSpinLock survives it: allocated again, it is a new free lock
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "A"
      And processor 0 calls NdisReleaseSpinLock on lock "A"
      And processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      And processor 1 at PASSIVE_LEVEL calls NdisAllocateSpinLock on lock "A"
      And processor 1 at PASSIVE_LEVEL calls NdisAcquireSpinLock on lock "A"
      Then processor 1 holds lock "A" at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseSpinLock on lock "A"
      Then processor 1 is at PASSIVE_LEVEL

    @requires:misuse-detection
    Scenario: NdisAcquireSpinLock on a freed lock is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      When processor 1 at APC_LEVEL wrongly calls NdisAcquireSpinLock on lock "A"
      Then the implementation reports a SpinLock violation

    @requires:misuse-detection
    Scenario: NdisDprAcquireSpinLock on a freed lock is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      When processor 1 at DISPATCH_LEVEL wrongly calls NdisDprAcquireSpinLock on lock "A"
      Then the implementation reports a SpinLock violation

    @requires:misuse-detection
    Scenario: NdisFreeSpinLock on a lock already freed is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisFreeSpinLock on lock "A"
      When processor 0 at PASSIVE_LEVEL wrongly calls NdisFreeSpinLock on lock "A"
      Then the implementation reports a SpinLock violation

  @clause:NdisAllocateSpinLock.remarks.releasing-acquired-spin-lock-NdisReleaseSpinLock-simply
  Rule: Releasing an acquired spin lock with NdisReleaseSpinLock simply allows another thread of execution to acquire that spin lock.
    # Informative: no scenario is required.

  @clause:NdisAllocateSpinLock.remarks.more-information-about-acquiring-releasing-ndis
  Rule: For more information about acquiring and releasing NDIS spin locks, see Synchronization and Notification in Network Drivers.
    # Informative: no scenario is required.

  @clause:NdisAllocateSpinLock.remarks.callers-NdisAllocateSpinLock-can-run-irql
  Rule: Callers of NdisAllocateSpinLock can run at any IRQL.

    Scenario Outline: NdisAllocateSpinLock at <irql> returns at <irql>, neither raising nor lowering, and leaves the lock free
      Given spin lock "B" is declared but not allocated
      When processor 1 at <irql> calls NdisAllocateSpinLock on lock "B"
      Then processor 1's NdisAllocateSpinLock returned at <irql> with 0 raises and 0 lowers
      And processor 0 at DISPATCH_LEVEL can take and give back lock "B" with NdisDprAcquireSpinLock and NdisDprReleaseSpinLock

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |
        | DIRQL 5        |
        | HIGH_LEVEL     |

  @clause:NdisAllocateSpinLock.remarks.usually-caller-running-irql-passive_level-during
  Rule: Usually a caller is running at IRQL = PASSIVE_LEVEL during initialization.
    # Informative: no scenario is required.

  @clause:NdisAllocateSpinLock.requirements.irql
  Rule: IRQL: Any level (see Remarks section)

    Scenario Outline: A lock allocated at <irql> works for a caller at another IRQL
      Given spin lock "B" is declared but not allocated
      When processor 1 at <irql> calls NdisAllocateSpinLock on lock "B"
      Then processor 1 is at <irql>
      When processor 0 at APC_LEVEL calls NdisAcquireSpinLock on lock "B"
      Then processor 0 holds lock "B" at DISPATCH_LEVEL
      When processor 0 calls NdisReleaseSpinLock on lock "B"
      Then processor 0 is at APC_LEVEL

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |
        | DIRQL 5        |
        | HIGH_LEVEL     |
