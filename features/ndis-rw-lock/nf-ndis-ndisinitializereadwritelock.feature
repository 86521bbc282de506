# Conformance features for docs-source/ndis/nf-ndis-ndisinitializereadwritelock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-rw-lock
Feature: NdisInitializeReadWriteLock and the lock it makes do what the reference page says
  NF:ndis.NdisInitializeReadWriteLock. Every scenario runs on a fresh simulated machine; processors, and threads of a
  processor, enter at the IRQLs the scenario gives; each acquisition has a LOCK_STATE of its own, which the kit owns.

  Background:
    Given a simulated machine with at least 3 processors
    And read-write lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:NdisInitializeReadWriteLock.description.NdisInitializeReadWriteLock-function-initializes-read-write-lock
  Rule: The NdisInitializeReadWriteLock function initializes a read or write lock variable of type NDIS_RW_LOCK.

    Scenario: A just initialized lock is free: a writer gets it at once
      When processor 1 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      Then processor 1 holds lock "A" for write at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseReadWriteLock on lock "A" with lock state "W"
      Then processor 1 is at PASSIVE_LEVEL

    Scenario: A just initialized lock is free: a reader gets it at once
      When processor 2 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then processor 2 holds lock "A" for read at DISPATCH_LEVEL
      When processor 2 calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 2 is at APC_LEVEL

  # Informative: no scenario is required.
  @clause:NdisInitializeReadWriteLock.description.read-write-lock-interface-deprecated-ndis
  Rule: The read-write lock interface is deprecated for NDIS 6.20 and later drivers, which should use NdisAllocateRWLock instead of NdisInitializeReadWriteLock.

  @clause:NdisInitializeReadWriteLock.remarks.ndis_rw_lock-variable-used-limit-write-access
  Rule: An NDIS_RW_LOCK variable is used to limit write access to shared resources to one non-ISR driver thread at a time.

    Scenario: While one processor writes, a second writer waits until it leaves
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W0"
      When processor 1 at DISPATCH_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W1"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "W0"
      Then processor 1 acquires lock "A"
      And processor 1 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: Writers on several processors, entering at different IRQLs, one at a time under the controlled scheduler and under stress
      When 3 processors each run 300 critical sections on lock "A", every processor writing with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no writer was ever inside the critical section of lock "A" with anyone else
      And every critical section saw the data as the last writer left it

  @clause:NdisInitializeReadWriteLock.remarks.ndis_rw_lock-can-allow-multiple-non-isr
  Rule: This NDIS_RW_LOCK can allow multiple non-ISR driver threads concurrent read access to those resources.

    Scenario: Readers on several processors, entering at different IRQLs (whether they share the lock is attached as information)
      When 3 processors each run 300 critical sections on lock "A", every processor reading with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then every processor ran at DISPATCH_LEVEL inside every critical section
      And every critical section saw the data as the last writer left it
      And every release restored the IRQL its acquire was entered at

  @clause:NdisInitializeReadWriteLock.remarks.such-read-access-not-permitted-during
  Rule: Such read access is not permitted during a write access.

    Scenario: While a reader is inside, a writer on another processor waits, and gets in once the reader leaves
      Given processor 1 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      When processor 2 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      Then processor 2 is still spinning on lock "A"
      When processor 1 calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 1 is at APC_LEVEL
      And processor 2 acquires lock "A"
      And processor 2 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: A processor that read the lock before still waits, as a writer, for another processor's reader
      Given processor 0 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R0"
      And processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R0"
      And processor 2 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R2"
      When processor 0 at APC_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W0"
      Then processor 0 is still spinning on lock "A"
      When processor 2 calls NdisReleaseReadWriteLock on lock "A" with lock state "R2"
      Then processor 0 acquires lock "A"

    Scenario: Readers and a writer on several processors never share the critical section, under the controlled scheduler and under stress
      When 3 processors each run 300 critical sections on lock "A", processor 0 writing and the others reading with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no reader was ever inside the critical section of lock "A" with a writer
      And no writer was ever inside the critical section of lock "A" with anyone else
      And every critical section saw the data as the last writer left it

  @clause:NdisInitializeReadWriteLock.remarks.lock-pointer-passed-NdisInitializeReadWriteLock-required-parameter
  Rule: The Lock pointer that is passed to NdisInitializeReadWriteLock is a required parameter for all other Ndis..ReadWriteLock functions.

    Scenario: Two locks, each named by its own pointer, are held and given up independently
      Given read-write lock "B" initialized by processor 0 at PASSIVE_LEVEL
      And processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "WA"
      When processor 1 at APC_LEVEL calls NdisAcquireReadWriteLock for write on lock "B" with lock state "WB"
      Then processor 1 holds lock "B" for write at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseReadWriteLock on lock "B" with lock state "WB"
      And processor 2 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "RA"
      Then processor 2 is still spinning on lock "A"
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "WA"
      Then processor 2 acquires lock "A"

  @clause:NdisInitializeReadWriteLock.remarks.before-driver-calls-NdisAcquireReadWriteLock-function-obtain
  Rule: Before a driver calls the NdisAcquireReadWriteLock function to obtain write or read access to a resource, the driver must call NdisInitializeReadWriteLock to initialize the lock that is associated with that resource.

    Scenario: Initialized first on one processor, the lock is read on another
      Given read-write lock "B" is declared but not initialized
      When processor 2 at DISPATCH_LEVEL calls NdisInitializeReadWriteLock on lock "B"
      And processor 1 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "B" with lock state "R"
      Then processor 1 holds lock "B" for read at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseReadWriteLock on lock "B" with lock state "R"
      Then processor 1 is at PASSIVE_LEVEL

    @requires:misuse-detection
    Scenario: NdisAcquireReadWriteLock for write on a lock never initialized is reported
      Given read-write lock "B" is declared but not initialized
      When processor 1 at APC_LEVEL wrongly calls NdisAcquireReadWriteLock for write on lock "B" with lock state "W"
      Then the implementation reports the misuse with a bug check

  @untestable
  @clause:NdisInitializeReadWriteLock.remarks.caller-must-provide-nonpaged-storage-variable
  Rule: The caller must provide nonpaged storage for the variable at Lock .
    Untestable from outside: the simulated machine has no paging, and where the caller keeps the lock is invisible to the implementation.

  @clause:NdisInitializeReadWriteLock.remarks.after-calling-NdisInitializeReadWriteLock-driver-can-call
  Rule: After calling NdisInitializeReadWriteLock, the driver can call NdisAcquireReadWriteLock to obtain either write or read access to the resource.

    Scenario Outline: After NdisInitializeReadWriteLock, NdisAcquireReadWriteLock for <access> at <entry> gets the lock
      Given read-write lock "B" initialized by processor 2 at APC_LEVEL
      When processor 1 at <entry> calls NdisAcquireReadWriteLock for <access> on lock "B" with lock state "S"
      Then processor 1 holds lock "B" for <access> at DISPATCH_LEVEL
      When processor 1 calls NdisReleaseReadWriteLock on lock "B" with lock state "S"
      Then processor 1 is at <entry>

      Examples:
        | entry          | access |
        | PASSIVE_LEVEL  | write  |
        | PASSIVE_LEVEL  | read   |
        | APC_LEVEL      | write  |
        | DISPATCH_LEVEL | read   |

  @clause:NdisInitializeReadWriteLock.remarks.only-one-non-isr-driver-thread
  Rule: Only one non-ISR driver thread at a time can obtain write access to the resource.

    Scenario: While one thread of a processor writes, another thread of that processor is not dispatched
      Given thread "T1" on processor 1 at APC_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W1"
      When thread "T2" on processor 1 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W2"
      Then thread "T2" is not dispatched while thread "T1" holds lock "A"
      When thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "W1"
      Then thread "T1" is at APC_LEVEL
      And thread "T2" acquires lock "A"
      And thread "T2" holds lock "A" for write at DISPATCH_LEVEL

    Scenario: Writers on several processors, entering at different IRQLs, one at a time
      When 3 processors each run 300 critical sections on lock "A", every processor writing with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no writer was ever inside the critical section of lock "A" with anyone else
      And every critical section saw the data as the last writer left it

  @clause:NdisInitializeReadWriteLock.remarks.when-one-non-isr-thread-has
  Rule: When one non-ISR thread has write access, all read and write accesses by other non-ISR threads must wait until the write-access holder releases the lock.

    Scenario: While a processor writes, a reader on another processor waits until the writer releases
      Given processor 0 at APC_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      When processor 1 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "W"
      Then processor 1 acquires lock "A"
      And processor 1 holds lock "A" for read at DISPATCH_LEVEL

    Scenario: While a thread writes, a reader thread of the same processor is not even dispatched
      Given thread "T1" on processor 2 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      When thread "T2" on processor 2 at APC_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then thread "T2" is not dispatched while thread "T1" holds lock "A"
      When thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "W"
      Then thread "T2" acquires lock "A"
      And thread "T2" holds lock "A" for read at DISPATCH_LEVEL

    Scenario: A writer and readers on several processors, entering at different IRQLs, under the controlled scheduler and under stress
      When 3 processors each run 300 critical sections on lock "A", processor 0 writing and the others reading with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no writer was ever inside the critical section of lock "A" with anyone else
      And no reader was ever inside the critical section of lock "A" with a writer
      And every critical section saw the data as the last writer left it

  @clause:NdisInitializeReadWriteLock.remarks.however-if-non-isr-thread-has
  Rule: However, if a non-ISR thread has read access, other non-ISR threads can concurrently acquire read access.

    Scenario: A reader on another processor is admitted beside a reading thread or waits for it (the kit tells which, as information)
      Given thread "T1" on processor 0 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R1"
      When processor 1 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "R2"
      Then processor 1 either holds lock "A" for read beside thread "T1" or waits for it
      When thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "R1"
      Then thread "T1" is at APC_LEVEL
      And processor 1 acquires lock "A"
      And processor 1 holds lock "A" for read at DISPATCH_LEVEL

  @untestable
  @clause:NdisInitializeReadWriteLock.remarks.initialize-use-type-lock-resources-frequently
  Rule: Initialize and use this type of lock for resources that are frequently accessed for reading and infrequently accessed for writing.
    Untestable from outside: which resources a driver guards with the lock, and how often it reads or writes them, is the driver's choice, invisible to the implementation.

  @clause:NdisInitializeReadWriteLock.remarks.once-resource-access-complete-driver-calls
  Rule: Once resource access is complete, the driver calls the NdisReleaseReadWriteLock function.

    Scenario: Once the writer calls NdisReleaseReadWriteLock, a reader waiting on another processor gets in
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      When processor 1 at APC_LEVEL starts NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "W"
      Then processor 0 is at PASSIVE_LEVEL
      And processor 1 acquires lock "A"
      And processor 1 holds lock "A" for read at DISPATCH_LEVEL

  # Informative: no scenario is required.
  @clause:NdisInitializeReadWriteLock.remarks.each-lock-driver-initializes-does-one
  Rule: Each lock that a driver initializes does one of the following:

  @clause:NdisInitializeReadWriteLock.remarks.protects-discrete-set-shared-resources-from
  Rule: Protects a discrete set of shared resources from simultaneous write and read access by driver threads that run at IRQL <= DISPATCH_LEVEL.

    Scenario: A writer and readers on several processors never share the critical section
      When 2 processors each run 100 critical sections on lock "A", processor 0 writing and the others reading with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no reader was ever inside the critical section of lock "A" with a writer
      And no writer was ever inside the critical section of lock "A" with anyone else
      And every critical section saw the data as the last writer left it

  @clause:NdisInitializeReadWriteLock.remarks.exposes-discrete-set-shared-resources-simultaneous
  Rule: Exposes a discrete set of shared resources to simultaneous read access by driver threads that run at IRQL <= DISPATCH_LEVEL.

    Scenario: Readers on several processors all get in, at DISPATCH_LEVEL, and see the data as it was written
      When 2 processors each run 100 critical sections on lock "A", every processor reading with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then every processor ran at DISPATCH_LEVEL inside every critical section
      And every critical section saw the data as the last writer left it
      And every release restored the IRQL its acquire was entered at

  @clause:NdisInitializeReadWriteLock.remarks.callers-NdisInitializeReadWriteLock-can-run-irql
  Rule: Callers of NdisInitializeReadWriteLock can run at any IRQL.

    Scenario Outline: NdisInitializeReadWriteLock at <irql> neither raises nor lowers, and the lock is free
      Given read-write lock "B" is declared but not initialized
      When processor 1 at <irql> calls NdisInitializeReadWriteLock on lock "B"
      Then processor 1's NdisInitializeReadWriteLock returned at <irql> with 0 raises and 0 lowers
      And processor 2 at DISPATCH_LEVEL can take and give back lock "B" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |
        | DIRQL 5        |
        | HIGH_LEVEL     |

  # Informative: no scenario is required.
  @clause:NdisInitializeReadWriteLock.remarks.usually-caller-running-irql-passive_level-during
  Rule: Usually a caller is running at IRQL = PASSIVE_LEVEL during initialization.

  @clause:NdisInitializeReadWriteLock.requirements.irql
  Rule: IRQL: Any level (see Remarks section)

    Scenario Outline: A lock initialized at <irql> is then read and written as any other
      Given read-write lock "B" initialized by processor 2 at <irql>
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "B" with lock state "R"
      And processor 0 calls NdisReleaseReadWriteLock on lock "B" with lock state "R"
      And processor 0 at APC_LEVEL calls NdisAcquireReadWriteLock for write on lock "B" with lock state "W"
      And processor 0 calls NdisReleaseReadWriteLock on lock "B" with lock state "W"
      Then processor 0 is at APC_LEVEL

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | DISPATCH_LEVEL |
        | HIGH_LEVEL     |
