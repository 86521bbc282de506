# Conformance features for docs-source/ndis/nf-ndis-ndisdpracquirereadwritelock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-rw-lock
Feature: NdisDprAcquireReadWriteLock does what the reference page says
  NF:ndis.NdisDprAcquireReadWriteLock. Every scenario runs on a fresh simulated machine; processors, and threads of a
  processor, enter at the IRQLs the scenario gives (DISPATCH_LEVEL for the Dpr variants); each acquisition has a
  LOCK_STATE of its own, which the kit owns.

  Background:
    Given a simulated machine with at least 3 processors
    And read-write lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:NdisDprAcquireReadWriteLock.description.NdisDprAcquireReadWriteLock-function-acquires-lock-caller-uses
  Rule: The NdisDprAcquireReadWriteLock function acquires a lock that the caller uses for either write or read access to the resources that are shared among driver threads.

    Scenario: Write access taken with NdisDprAcquireReadWriteLock keeps a reader of another processor waiting
      Given processor 1 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for write on lock "A" with lock state "W"
      When processor 0 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then processor 0 is still spinning on lock "A"
      When processor 1 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "W"
      Then processor 0 acquires lock "A"
      And processor 0 holds lock "A" for read at DISPATCH_LEVEL

    Scenario: Read access taken with NdisDprAcquireReadWriteLock keeps a writer of another processor waiting
      Given processor 2 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R"
      When processor 1 at DISPATCH_LEVEL starts NdisDprAcquireReadWriteLock for write on lock "A" with lock state "W"
      Then processor 1 is still spinning on lock "A"
      When processor 2 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 1 acquires lock "A"
      And processor 1 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: A second Dpr reader is admitted beside the first or waits for it (the kit tells which, as information)
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R0"
      When processor 1 at DISPATCH_LEVEL starts NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R1"
      Then processor 1 either holds lock "A" for read beside processor 0 or waits for it
      When processor 0 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R0"
      Then processor 1 acquires lock "A"
      And processor 1 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R1"

    Scenario: Readers and a writer with NdisDprAcquireReadWriteLock on several processors, under the controlled scheduler and under stress
      When 3 processors each run 300 critical sections on lock "A", processor 0 writing and the others reading with NdisDprAcquireReadWriteLock at DISPATCH_LEVEL
      Then no writer was ever inside the critical section of lock "A" with anyone else
      And no reader was ever inside the critical section of lock "A" with a writer
      And every critical section saw the data as the last writer left it
      And every processor ran at DISPATCH_LEVEL inside every critical section

  # Informative: no scenario is required.
  @clause:NdisDprAcquireReadWriteLock.description.read-write-lock-interface-deprecated-ndis
  Rule: The read-write lock interface is deprecated for NDIS 6.20 and later drivers, which should use NdisAcquireRWLockRead or NdisAcquireRWLockWrite (setting NDIS_RWL_AT_DISPATCH_LEVEL in the Flags parameter) instead of NdisDprAcquireReadWriteLock.

  @clause:NdisDprAcquireReadWriteLock.remarks.driver-must-initialize-variable-type-ndis_rw_lock
  Rule: The driver must initialize a variable of type NDIS_RW_LOCK using the NdisInitializeReadWriteLock function before the driver calls any other NdisXxxReadWriteLock function.

    Scenario: Initialized first, the lock is taken and given back with the Dpr variants
      Given read-write lock "B" is declared but not initialized
      When processor 1 at DISPATCH_LEVEL calls NdisInitializeReadWriteLock on lock "B"
      And processor 1 calls NdisDprAcquireReadWriteLock for write on lock "B" with lock state "W"
      And processor 1 calls NdisDprReleaseReadWriteLock on lock "B" with lock state "W"
      Then processor 1 is at DISPATCH_LEVEL

    @requires:misuse-detection
    Scenario: NdisDprAcquireReadWriteLock on a lock never initialized is reported
      Given read-write lock "B" is declared but not initialized
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisDprAcquireReadWriteLock for write on lock "B" with lock state "W"
      Then the implementation reports the misuse with a bug check

  @untestable
  @clause:NdisDprAcquireReadWriteLock.remarks.driver-must-provide-resident-storage-locks
  Rule: The driver must provide resident storage for the locks it uses.
    Untestable from outside: the simulated machine has no paging, and where the caller keeps the lock is invisible to the implementation.

  @clause:NdisDprAcquireReadWriteLock.remarks.after-acquiring-lock-using-NdisDprAcquireReadWriteLock-caller
  Rule: After acquiring a lock by using NdisDprAcquireReadWriteLock, the caller must release that lock by calling the NdisDprReleaseReadWriteLock function.

    Scenario: Released with NdisDprReleaseReadWriteLock, the lock is free for a writer on another processor
      When processor 0 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R"
      And processor 0 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 0 is at DISPATCH_LEVEL
      And processor 1 at PASSIVE_LEVEL can take and give back lock "A" for write with NdisAcquireReadWriteLock and NdisReleaseReadWriteLock

    @requires:misuse-detection
    Scenario: Releasing with NdisReleaseReadWriteLock an acquisition made with NdisDprAcquireReadWriteLock is reported
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for write on lock "A" with lock state "W"
      When processor 0 wrongly calls NdisReleaseReadWriteLock on lock "A" with lock state "W"
      Then the implementation reports the misuse with a bug check

  @clause:NdisDprAcquireReadWriteLock.remarks.decrement-reference-count-lock-driver-must
  Rule: To decrement the reference count of the lock, a driver must call NdisDprReleaseReadWriteLock once for each call to NdisDprAcquireReadWriteLock.

    Scenario: A Dpr reader reads again while a writer waits, and only the release of each acquisition lets the writer in
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R1"
      And processor 1 at DISPATCH_LEVEL starts NdisDprAcquireReadWriteLock for write on lock "A" with lock state "W"
      And processor 1 is still spinning on lock "A"
      When processor 0 calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R2"
      And processor 0 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R2"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R1"
      Then processor 1 acquires lock "A"
      And processor 0 is at DISPATCH_LEVEL

  @clause:NdisDprAcquireReadWriteLock.remarks.safe-use-both-NdisDprAcquireReadWriteLock-NdisDprAcquireReadWriteLock-same
  Rule: It is safe to use both NdisDprAcquireReadWriteLock and NdisDprAcquireReadWriteLock on the same lock.

    Scenario: A writer with NdisAcquireReadWriteLock and readers with NdisDprAcquireReadWriteLock on one lock exclude each other
      When 3 processors each run 300 critical sections on lock "A", processor 0 writing with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL and APC_LEVEL in turn, and the others reading with NdisDprAcquireReadWriteLock at DISPATCH_LEVEL
      Then no writer was ever inside the critical section of lock "A" with anyone else
      And no reader was ever inside the critical section of lock "A" with a writer
      And every critical section saw the data as the last writer left it
      And every release restored the IRQL its acquire was entered at

  @clause:NdisDprAcquireReadWriteLock.remarks.however-calls-must-balanced-so-if
  Rule: However, calls must be balanced so that if the lock is acquired with NdisDprAcquireReadWriteLock, it must be released with NdisDprReleaseReadWriteLock.

    Scenario: Taken with NdisDprAcquireReadWriteLock, given back with NdisDprReleaseReadWriteLock, then taken with NdisAcquireReadWriteLock
      When processor 1 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for write on lock "A" with lock state "W"
      And processor 1 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "W"
      Then processor 1 is at DISPATCH_LEVEL
      And processor 0 at APC_LEVEL can take and give back lock "A" for write with NdisAcquireReadWriteLock and NdisReleaseReadWriteLock

    @requires:misuse-detection
    Scenario: NdisReleaseReadWriteLock of read access taken with NdisDprAcquireReadWriteLock is reported
      Given processor 2 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R"
      When processor 2 wrongly calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then the implementation reports the misuse with a bug check

  @clause:NdisDprAcquireReadWriteLock.remarks.likewise-if-lock-acquired-NdisAcquireReadWriteLock-must
  Rule: Likewise, if the lock is acquired with NdisAcquireReadWriteLock, it must be released with NdisReleaseReadWriteLock.

    Scenario: Taken with NdisAcquireReadWriteLock, given back with NdisReleaseReadWriteLock, then taken with NdisDprAcquireReadWriteLock
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      And processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 0 is at PASSIVE_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock

    @requires:misuse-detection
    Scenario: NdisDprReleaseReadWriteLock of read access taken with NdisAcquireReadWriteLock is reported
      Given processor 0 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      When processor 0 wrongly calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R"
      Then the implementation reports the misuse with a bug check

  @untestable
  @clause:NdisDprAcquireReadWriteLock.remarks.some-architectures-NdisDprAcquireReadWriteLock-performs-faster-than
  Rule: With some architectures, NdisDprAcquireReadWriteLock performs faster than NdisAcquireReadWriteLock.
    Untestable from outside: speed on some architecture is no behaviour the simulated machine has; what the Dpr variant spares (a raise and a lower) is checked under the next sentence.

  @clause:NdisDprAcquireReadWriteLock.remarks.drivers-can-use-NdisDprAcquireReadWriteLock-rather-than
  Rule: Drivers can use NdisDprAcquireReadWriteLock rather than NdisAcquireReadWriteLock when it is certain that the current IRQL is already DISPATCH_LEVEL.

    Scenario Outline: At DISPATCH_LEVEL, NdisDprAcquireReadWriteLock for <access> neither raises nor lowers, nor does its release
      When processor 1 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for <access> on lock "A" with lock state "S"
      Then processor 1's NdisDprAcquireReadWriteLock returned at DISPATCH_LEVEL with 0 raises and 0 lowers
      And processor 1 holds lock "A" for <access> at DISPATCH_LEVEL
      When processor 1 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "S"
      Then processor 1's NdisDprReleaseReadWriteLock returned at DISPATCH_LEVEL with 0 raises and 0 lowers

      Examples:
        | access |
        | read   |
        | write  |

  # Informative: no scenario is required.
  @clause:NdisDprAcquireReadWriteLock.remarks.however-not-required
  Rule: However, it is not required.

  # Informative: no scenario is required.
  @clause:NdisDprAcquireReadWriteLock.remarks.overhead-calling-KeGetCurrentIrql-function-greater-than
  Rule: The overhead of calling the KeGetCurrentIrql function is greater than the performance advantage of calling NdisDprAcquireReadWriteLock rather than NdisAcquireReadWriteLock.

  @clause:NdisDprAcquireReadWriteLock.remarks.modify-resources-shared-among-driver-threads
  Rule: To modify resources that are shared among driver threads, a driver thread must acquire a write lock.

    Scenario: Writers with NdisDprAcquireReadWriteLock on several processors leave the data whole for the next
      When 3 processors each run 300 critical sections on lock "A", every processor writing with NdisDprAcquireReadWriteLock at DISPATCH_LEVEL
      Then no writer was ever inside the critical section of lock "A" with anyone else
      And every critical section saw the data as the last writer left it
      And every release restored the IRQL its acquire was entered at

  @clause:NdisDprAcquireReadWriteLock.remarks.simply-monitor-resources-driver-thread-must
  Rule: To simply monitor those resources, a driver thread must acquire a read-only lock.

    Scenario: Readers and writers with NdisDprAcquireReadWriteLock, in turn on several processors, never mix
      When 3 processors each run 300 critical sections on lock "A", every processor reading and writing in turn with NdisDprAcquireReadWriteLock at DISPATCH_LEVEL
      Then no reader was ever inside the critical section of lock "A" with a writer
      And every critical section saw the data as the last writer left it
      And every processor ran at DISPATCH_LEVEL inside every critical section

  @untestable
  @clause:NdisDprAcquireReadWriteLock.remarks.read-access-does-not-require-interlocked
  Rule: Read access does not require interlocked operations or contention for spin locks.
    Untestable from outside: the sentence tells how NDIS builds its own lock (each processor counts its readers in a slot only it writes), not a behaviour a caller can observe: a lock whose readers count themselves with interlocked operations admits, excludes and releases exactly as the other sentences require, so no caller could tell the two apart. The kit counts the interlocked operations of every call and attaches what read acquisitions made to each scenario's result as information, never as a verdict.

  # Informative: no scenario is required.
  @clause:NdisDprAcquireReadWriteLock.remarks.using-read-only-access-helps-maintain
  Rule: Using read-only access helps to maintain good operating system and driver performance.

  @untestable
  @clause:NdisDprAcquireReadWriteLock.remarks.driver-thread-should-never-hold-write
  Rule: A driver thread should never hold a write lock for more than 25 microseconds.
    Untestable from outside: how long the caller holds the lock is the caller's duty; the implementation has no behaviour of its own to check for it.

  # Informative: no scenario is required.
  @clause:NdisDprAcquireReadWriteLock.remarks.holding-write-lock-prolonged-period-degrades
  Rule: Holding a write lock for a prolonged period degrades both operating system and driver performance.

  @untestable
  @clause:NdisDprAcquireReadWriteLock.remarks.driver-cannot-use-lock-protect-resources
  Rule: The driver cannot use a lock to protect resources from read or write access that its other functions share with the MiniportInterrupt and/or MiniportDisableInterruptEx functions.
    Untestable from outside: MiniportInterrupt runs at DIRQL, outside this family; what a caller shares with it is invisible to the implementation.

  @untestable
  @clause:NdisDprAcquireReadWriteLock.remarks.instead-driver-must-call-NdisMSynchronizeWithInterruptEx-so
  Rule: Instead, the driver must call NdisMSynchronizeWithInterruptEx so that its MiniportSynchronizeInterrupt function accesses such shared resources at the same DIRQL at which its MiniportInterrupt and/or MiniportDisableInterruptEx functions do.
    Untestable from outside: NdisMSynchronizeWithInterruptEx is not a function of this family, so the implementation never sees whether a caller uses it.

  # Informative: no scenario is required.
  @clause:NdisDprAcquireReadWriteLock.remarks.more-information-about-acquiring-releasing-ndis
  Rule: For more information about acquiring and releasing NDIS spin locks, see Synchronization and Notification in Network Drivers.

  @clause:NdisDprAcquireReadWriteLock.requirements.irql
  Rule: IRQL: = DISPATCH_LEVEL

    Scenario Outline: Called at DISPATCH_LEVEL, NdisDprAcquireReadWriteLock for <access> keeps its caller there
      When processor 2 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for <access> on lock "A" with lock state "S"
      Then processor 2's NdisDprAcquireReadWriteLock returned at DISPATCH_LEVEL with 0 raises and 0 lowers
      When processor 2 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "S"
      Then processor 2 is at DISPATCH_LEVEL

      Examples:
        | access |
        | read   |
        | write  |

    @requires:misuse-detection
    Scenario: NdisDprAcquireReadWriteLock at PASSIVE_LEVEL, below DISPATCH_LEVEL, is reported
      When processor 0 at PASSIVE_LEVEL wrongly calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then the implementation reports the misuse with a bug check
