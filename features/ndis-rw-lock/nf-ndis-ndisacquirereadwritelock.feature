# Conformance features for docs-source/ndis/nf-ndis-ndisacquirereadwritelock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-rw-lock
Feature: NdisAcquireReadWriteLock does what the reference page says
  NF:ndis.NdisAcquireReadWriteLock. Every scenario runs on a fresh simulated machine; processors, and threads of a
  processor, enter at the IRQLs the scenario gives; each acquisition has a LOCK_STATE of its own, which the kit owns and
  watches; every call into the implementation is bounded by the watchdog.

  Background:
    Given a simulated machine with at least 3 processors
    And read-write lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:NdisAcquireReadWriteLock.description.NdisAcquireReadWriteLock-function-acquires-lock-caller-uses
  Rule: The NdisAcquireReadWriteLock function acquires a lock that the caller uses for either write or read access to the resources that are shared among driver threads.

    Scenario: While one processor writes, a writer on another processor waits, and gets in once it leaves
      Given processor 0 at APC_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W0"
      When processor 1 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W1"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "W0"
      Then processor 0 is at APC_LEVEL
      And processor 1 acquires lock "A"
      And processor 1 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: While one processor writes, a reader on another processor waits, and gets in once it leaves
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W0"
      When processor 2 at APC_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "R2"
      Then processor 2 is still spinning on lock "A"
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "W0"
      Then processor 2 acquires lock "A"
      And processor 2 holds lock "A" for read at DISPATCH_LEVEL

    Scenario: A second reader is admitted beside the first or waits for it (the kit tells which, as information)
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R0"
      When processor 1 at APC_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "R1"
      Then processor 1 either holds lock "A" for read beside processor 0 or waits for it
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R0"
      Then processor 0 is at PASSIVE_LEVEL
      And processor 1 acquires lock "A"
      And processor 1 holds lock "A" for read at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseReadWriteLock on lock "A" with lock state "R1"
      Then processor 1 is at APC_LEVEL

    # The pages are silent on upgrading (asking for write access while still holding read access): NDIS's own writer
    # waits for its own processor's reader count too, so a correct lock may spin for ever there, and no scenario calls it.
    Scenario: A processor that read the lock and later asks to write it still waits for another processor's reader
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R0"
      And processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R0"
      And processor 1 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R1"
      When processor 0 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W0"
      Then processor 0 is still spinning on lock "A"
      When processor 1 calls NdisReleaseReadWriteLock on lock "A" with lock state "R1"
      Then processor 0 acquires lock "A"
      And processor 0 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: Readers and a writer on several processors, entering at different IRQLs, under the controlled scheduler and under stress
      When 3 processors each run 300 critical sections on lock "A", processor 0 writing and the others reading with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no writer was ever inside the critical section of lock "A" with anyone else
      And no reader was ever inside the critical section of lock "A" with a writer
      And every critical section saw the data as the last writer left it
      And every processor ran at DISPATCH_LEVEL inside every critical section
      And every release restored the IRQL its acquire was entered at

  # Informative: no scenario is required.
  @clause:NdisAcquireReadWriteLock.description.read-write-lock-interface-deprecated-ndis
  Rule: The read-write lock interface is deprecated for NDIS 6.20 and later drivers, which should use NdisAcquireRWLockRead or NdisAcquireRWLockWrite instead of NdisAcquireReadWriteLock.

  @clause:NdisAcquireReadWriteLock.remarks.driver-must-initialize-variable-type-ndis_rw_lock
  Rule: The driver must initialize a variable of type NDIS_RW_LOCK using the NdisInitializeReadWriteLock function before the driver calls any other NdisXxxReadWriteLock function.

    Scenario: Initialized first, the lock is acquired for write and released
      Given read-write lock "B" is declared but not initialized
      When processor 1 at APC_LEVEL calls NdisInitializeReadWriteLock on lock "B"
      And processor 1 calls NdisAcquireReadWriteLock for write on lock "B" with lock state "W"
      Then processor 1 holds lock "B" for write at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseReadWriteLock on lock "B" with lock state "W"
      Then processor 1 is at APC_LEVEL

    @requires:misuse-detection
    Scenario: NdisAcquireReadWriteLock on a lock never initialized is reported
      Given read-write lock "B" is declared but not initialized
      When processor 0 at PASSIVE_LEVEL wrongly calls NdisAcquireReadWriteLock for read on lock "B" with lock state "R"
      Then the implementation reports the misuse with a bug check

  @untestable
  @clause:NdisAcquireReadWriteLock.remarks.driver-must-provide-resident-storage-locks
  Rule: The driver must provide resident storage for the locks it uses.
    Untestable from outside: the simulated machine has no paging, and where the caller keeps the lock is invisible to the implementation.

  @clause:NdisAcquireReadWriteLock.remarks.after-acquiring-lock-using-NdisAcquireReadWriteLock-caller
  Rule: After acquiring a lock by using NdisAcquireReadWriteLock, the caller must release that lock by calling the NdisReleaseReadWriteLock function.

    Scenario: Released with NdisReleaseReadWriteLock, the lock is free for a writer on another processor
      When processor 0 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      And processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 0 is at APC_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock

    @requires:misuse-detection
    Scenario: Releasing with NdisDprReleaseReadWriteLock an acquisition made with NdisAcquireReadWriteLock is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      When processor 0 wrongly calls NdisDprReleaseReadWriteLock on lock "A" with lock state "W"
      Then the implementation reports the misuse with a bug check

  @clause:NdisAcquireReadWriteLock.remarks.decrement-reference-count-lock-driver-must
  Rule: To decrement the reference count of the lock, a driver must call NdisReleaseReadWriteLock once for each call to NdisAcquireReadWriteLock.

    Scenario: A reader reads again while a writer waits, and only the release of each acquisition lets the writer in
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R1"
      And processor 1 at APC_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      And processor 1 is still spinning on lock "A"
      When processor 0 calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R2"
      Then processor 0 holds lock "A" for read at DISPATCH_LEVEL
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R2"
      Then processor 0 is at DISPATCH_LEVEL
      And processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R1"
      Then processor 0 is at PASSIVE_LEVEL
      And processor 1 acquires lock "A"
      And processor 1 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: Three nested reads by one thread, each with its own LOCK_STATE, then three releases
      Given thread "T1" on processor 2 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R1"
      And thread "T1" calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R2"
      And thread "T1" calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R3"
      When thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "R3"
      And thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "R2"
      Then thread "T1" is at DISPATCH_LEVEL
      When thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "R1"
      Then thread "T1" is at APC_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock

    @requires:misuse-detection
    Scenario: A release more than the acquisitions, with a LOCK_STATE already released, is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      And processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then the implementation reports the misuse with a bug check

  @clause:NdisAcquireReadWriteLock.remarks.modify-resources-shared-among-driver-threads
  Rule: To modify resources that are shared among driver threads, a driver thread must acquire a write lock.

    Scenario: Writers on several processors, each with write access, leave the data whole for the next
      When 3 processors each run 300 critical sections on lock "A", every processor writing with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no writer was ever inside the critical section of lock "A" with anyone else
      And every critical section saw the data as the last writer left it

  @clause:NdisAcquireReadWriteLock.remarks.simply-monitor-resources-driver-thread-must
  Rule: To simply monitor those resources, a driver thread must acquire a read-only lock.

    Scenario: Readers with read access see the data whole while processors read and write it in turn
      When 3 processors each run 300 critical sections on lock "A", every processor reading and writing in turn with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no reader was ever inside the critical section of lock "A" with a writer
      And every critical section saw the data as the last writer left it
      And every release restored the IRQL its acquire was entered at

  # Read access does not require interlocked operations: declared untestable, for the reason given under the Rule.
  @untestable
  @clause:NdisAcquireReadWriteLock.remarks.read-access-does-not-require-interlocked
  Rule: Read access does not require interlocked operations or contention for spin locks.
    Untestable from outside: the sentence tells how NDIS builds its own lock (each processor counts its readers in a slot only it writes), not a behaviour a caller can observe: a lock whose readers count themselves with interlocked operations admits, excludes and releases exactly as the other sentences require, so no caller could tell the two apart. The kit counts the interlocked operations of every call and attaches what read acquisitions made to each scenario's result as information, never as a verdict; whether readers share the lock or wait for each other is told apart the same way.

  # Informative: no scenario is required.
  @clause:NdisAcquireReadWriteLock.remarks.using-read-only-access-helps-maintain
  Rule: Using read-only access helps to maintain good operating system and driver performance.

  @untestable
  @clause:NdisAcquireReadWriteLock.remarks.driver-thread-should-never-hold-write
  Rule: A driver thread should never hold a write lock for more than 25 microseconds.
    Untestable from outside: how long the caller holds the lock is the caller's duty; the implementation has no behaviour of its own to check for it.

  # Informative: no scenario is required.
  @clause:NdisAcquireReadWriteLock.remarks.holding-write-lock-prolonged-period-degrades
  Rule: Holding a write lock for a prolonged period degrades both operating system and driver performance.

  @untestable
  @clause:NdisAcquireReadWriteLock.remarks.driver-cannot-use-lock-protect-resources
  Rule: The driver cannot use a lock to protect resources from read or write access that its other functions share with the MiniportInterrupt and/or MiniportDisableInterruptEx functions.
    Untestable from outside: MiniportInterrupt runs at DIRQL, outside this family; what a caller shares with it is invisible to the implementation.

  @untestable
  @clause:NdisAcquireReadWriteLock.remarks.instead-driver-must-call-NdisMSynchronizeWithInterruptEx-so
  Rule: Instead, the driver must call NdisMSynchronizeWithInterruptEx so that its MiniportSynchronizeInterrupt function accesses such shared resources at the same DIRQL at which its MiniportInterrupt and/or MiniportDisableInterruptEx functions do.
    Untestable from outside: NdisMSynchronizeWithInterruptEx is not a function of this family, so the implementation never sees whether a caller uses it.

  @clause:NdisAcquireReadWriteLock.remarks.NdisAcquireReadWriteLock-always-raises-irql
  Rule: NdisAcquireReadWriteLock always raises the IRQL.

    Scenario Outline: Called at <entry> for <access>, NdisAcquireReadWriteLock returns at DISPATCH_LEVEL and its release gives back <entry>
      When processor 1 at <entry> calls NdisAcquireReadWriteLock for <access> on lock "A" with lock state "S"
      Then processor 1 holds lock "A" for <access> at DISPATCH_LEVEL
      And processor 1's NdisAcquireReadWriteLock raised the IRQL to DISPATCH_LEVEL with KeRaiseIrql
      When processor 1 calls NdisReleaseReadWriteLock on lock "A" with lock state "S"
      Then processor 1 is at <entry>

      Examples:
        | entry         | access |
        | PASSIVE_LEVEL | read   |
        | APC_LEVEL     | read   |
        | PASSIVE_LEVEL | write  |
        | APC_LEVEL     | write  |

    Scenario: Under the kit's scheduler, a DPC that takes the lock for write may interrupt a reader or a writer at any point below DISPATCH_LEVEL
      When 2 processors each run critical sections on lock "A", reading and writing in turn with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL and APC_LEVEL, while a DPC that takes lock "A" for write may arrive at any point
      Then no DPC ran on a processor while it held lock "A"
      And every release restored the IRQL its acquire was entered at

  @clause:NdisAcquireReadWriteLock.remarks.write-operation-NdisAcquireReadWriteLock-raises-irql-acquiring
  Rule: For a write operation, NdisAcquireReadWriteLock raises the IRQL by acquiring a spin lock.

    Scenario: A writer is at DISPATCH_LEVEL before it takes the lock: the lock is still free while it raises
      Given processor 0 will pause just before its next KeRaiseIrql
      When processor 0 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      Then processor 0 pauses inside NdisAcquireReadWriteLock, at PASSIVE_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock
      When processor 0 is let go
      Then processor 0 acquires lock "A"
      And processor 0 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: A writer waiting for a reader waits at DISPATCH_LEVEL, as a spin lock's waiter does
      Given processor 1 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      When processor 0 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      Then processor 0 is still spinning on lock "A"
      And processor 0 is at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 0 acquires lock "A"
      And processor 0 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: Another thread of the writer's processor is not dispatched until the writer releases
      Given thread "T1" on processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      When thread "T2" on processor 0 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then thread "T2" is not dispatched while thread "T1" holds lock "A"
      When thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "W"
      Then thread "T2" acquires lock "A"
      And thread "T2" holds lock "A" for read at DISPATCH_LEVEL
      When thread "T2" calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then thread "T2" is at PASSIVE_LEVEL

  @clause:NdisAcquireReadWriteLock.remarks.read-operation-NdisAcquireReadWriteLock-explicitly-raises-irql
  Rule: For a read operation, NdisAcquireReadWriteLock explicitly raises the IRQL to IRQL = DISPATCH_LEVEL.

    Scenario Outline: A reader entering at <entry> holds the lock at DISPATCH_LEVEL
      When processor 2 at <entry> calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then processor 2 holds lock "A" for read at DISPATCH_LEVEL
      When processor 2 calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 2 is at <entry>

      Examples:
        | entry          |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    Scenario: A reader raises to DISPATCH_LEVEL itself, before it counts as a reader
      Given processor 0 will pause just before its next KeRaiseIrql
      When processor 0 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then processor 0 pauses inside NdisAcquireReadWriteLock, at PASSIVE_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock
      When processor 0 is let go
      Then processor 0 acquires lock "A"
      And processor 0 holds lock "A" for read at DISPATCH_LEVEL

    Scenario: The reader's KeRaiseIrql raises to DISPATCH_LEVEL, no higher
      Given processor 0 will pause just after its next KeRaiseIrql
      When processor 0 at APC_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then processor 0 pauses inside NdisAcquireReadWriteLock, at DISPATCH_LEVEL
      When processor 0 is let go
      Then processor 0 acquires lock "A"

    Scenario: Another thread of the reader's processor is not dispatched while the reader holds the lock
      Given thread "T1" on processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      When thread "T2" on processor 0 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      Then thread "T2" is not dispatched while thread "T1" holds lock "A"
      When thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then thread "T1" is at PASSIVE_LEVEL
      And thread "T2" acquires lock "A"
      And thread "T2" holds lock "A" for write at DISPATCH_LEVEL

    Scenario: While a reader holds the lock, a DPC queued to its processor waits for the release
      Given processor 0 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      When a DPC that takes lock "A" for write is queued to processor 0
      Then the DPC has not run
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then the DPC ran on processor 0 after lock "A" was released

  # Informative: no scenario is required.
  @clause:NdisAcquireReadWriteLock.remarks.more-information-about-acquiring-releasing-ndis
  Rule: For more information about acquiring and releasing NDIS spin locks, see Synchronization and Notification in Network Drivers.

  @clause:NdisAcquireReadWriteLock.requirements.irql
  Rule: IRQL: <= DISPATCH_LEVEL

    Scenario Outline: NdisAcquireReadWriteLock for <access> works at <entry>
      When processor 1 at <entry> calls NdisAcquireReadWriteLock for <access> on lock "A" with lock state "S"
      Then processor 1 holds lock "A" for <access> at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseReadWriteLock on lock "A" with lock state "S"
      Then processor 1 is at <entry>

      Examples:
        | entry          | access |
        | PASSIVE_LEVEL  | write  |
        | APC_LEVEL      | read   |
        | DISPATCH_LEVEL | write  |
        | DISPATCH_LEVEL | read   |

    @requires:misuse-detection
    Scenario Outline: NdisAcquireReadWriteLock at <irql>, above DISPATCH_LEVEL, is reported
      When processor 0 at <irql> wrongly calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then the implementation reports the misuse with a bug check naming rule "Irql_Synch_Function"

      Examples:
        | irql       |
        | DIRQL 5    |
        | HIGH_LEVEL |
