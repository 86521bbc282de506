# Conformance features for docs-source/ndis/nf-ndis-ndisreleasereadwritelock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-rw-lock
Feature: NdisReleaseReadWriteLock does what the reference page says
  NF:ndis.NdisReleaseReadWriteLock. Every scenario runs on a fresh simulated machine; processors, and threads of a
  processor, enter at the IRQLs the scenario gives; each acquisition has a LOCK_STATE of its own, which the kit owns and
  which the release is given back.

  Background:
    Given a simulated machine with at least 3 processors
    And read-write lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:NdisReleaseReadWriteLock.description.NdisReleaseReadWriteLock-function-releases-lock-acquired-preceding
  Rule: The NdisReleaseReadWriteLock function releases a lock that was acquired in a preceding call to NdisAcquireReadWriteLock.

    Scenario: A reader's release lets the writer that waits for it in
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      And processor 1 at APC_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      And processor 1 is still spinning on lock "A"
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 0 is at PASSIVE_LEVEL
      And processor 1 acquires lock "A"
      And processor 1 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: A reader's release frees the lock for a writer, also after another writer has come and gone
      Given processor 1 at APC_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W1"
      And processor 1 calls NdisReleaseReadWriteLock on lock "A" with lock state "W1"
      When processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      And processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      And processor 2 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W2"
      Then processor 2 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: A writer's release lets a reader in, and the reader's release lets the next writer in
      Given processor 0 at DISPATCH_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W0"
      And processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "W0"
      When processor 1 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R1"
      And processor 1 calls NdisReleaseReadWriteLock on lock "A" with lock state "R1"
      Then processor 2 at DISPATCH_LEVEL can take and give back lock "A" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock

    Scenario: The lock is given up before the releasing reader lowers its IRQL
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      And processor 0 will pause just after its next KeLowerIrql below DISPATCH_LEVEL
      When processor 0 starts NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 0 pauses inside NdisReleaseReadWriteLock, at PASSIVE_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock
      When processor 0 is let go
      Then processor 0 returns from NdisReleaseReadWriteLock at PASSIVE_LEVEL

    Scenario: The lock is given up before the releasing writer lowers its IRQL
      Given processor 0 at APC_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      And processor 0 will pause just after its next KeLowerIrql below DISPATCH_LEVEL
      When processor 0 starts NdisReleaseReadWriteLock on lock "A" with lock state "W"
      Then processor 0 pauses inside NdisReleaseReadWriteLock, at APC_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" for read with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock
      When processor 0 is let go
      Then processor 0 returns from NdisReleaseReadWriteLock at APC_LEVEL

    Scenario: Releases of readers and writers on several processors, reading and writing in turn, let the others in
      When 3 processors each run 300 critical sections on lock "A", every processor reading and writing in turn with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then no writer was ever inside the critical section of lock "A" with anyone else
      And no reader was ever inside the critical section of lock "A" with a writer
      And every critical section saw the data as the last writer left it
      And every release restored the IRQL its acquire was entered at

  # Informative: no scenario is required.
  @clause:NdisReleaseReadWriteLock.description.read-write-lock-interface-deprecated-ndis
  Rule: The read-write lock interface is deprecated for NDIS 6.20 and later drivers, which should use NdisReleaseRWLock instead of NdisReleaseReadWriteLock.

  @clause:NdisReleaseReadWriteLock.remarks.driver-must-initialize-lock-before-calling
  Rule: A driver must initialize a lock before calling any other NdisXxxReadWriteLock function that is used to acquire or release read or write access to the resources that are protected by that lock.

    Scenario: Initialized, acquired, then released
      Given read-write lock "B" is declared but not initialized
      When processor 0 at APC_LEVEL calls NdisInitializeReadWriteLock on lock "B"
      And processor 0 calls NdisAcquireReadWriteLock for read on lock "B" with lock state "R"
      And processor 0 calls NdisReleaseReadWriteLock on lock "B" with lock state "R"
      Then processor 0 is at APC_LEVEL

    @requires:misuse-detection
    Scenario: NdisReleaseReadWriteLock on a lock never initialized is reported
      Given read-write lock "B" is declared but not initialized
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisReleaseReadWriteLock on lock "B" with lock state "R"
      Then the implementation reports the misuse with a bug check

  @clause:NdisReleaseReadWriteLock.remarks.NdisInitializeReadWriteLock-function-used-initialize-lock
  Rule: The NdisInitializeReadWriteLock function is used to initialize a lock.

    Scenario: A lock initialized with NdisInitializeReadWriteLock is written, then read, then written again
      Given read-write lock "B" initialized by processor 1 at DISPATCH_LEVEL
      When processor 1 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "B" with lock state "W1"
      And processor 1 calls NdisReleaseReadWriteLock on lock "B" with lock state "W1"
      And processor 2 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "B" with lock state "R"
      And processor 2 calls NdisReleaseReadWriteLock on lock "B" with lock state "R"
      And processor 1 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "B" with lock state "W2"
      Then processor 1 holds lock "B" for write at DISPATCH_LEVEL

  @clause:NdisReleaseReadWriteLock.remarks.driver-must-call-NdisAcquireReadWriteLock-function-acquire
  Rule: A driver must call the NdisAcquireReadWriteLock function to acquire a lock before the driver can call NdisReleaseReadWriteLock.

    Scenario: Acquired with NdisAcquireReadWriteLock, then released with the same LOCK_STATE
      When processor 2 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      And processor 2 calls NdisReleaseReadWriteLock on lock "A" with lock state "W"
      Then processor 2 is at PASSIVE_LEVEL
      And processor 0 at DISPATCH_LEVEL can take and give back lock "A" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock

    @requires:misuse-detection
    Scenario: NdisReleaseReadWriteLock with a LOCK_STATE no acquire was given is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      When processor 0 wrongly calls NdisReleaseReadWriteLock on lock "A" with lock state "NEVER"
      Then the implementation reports the misuse with a bug check

  @clause:NdisReleaseReadWriteLock.remarks.each-call-NdisAcquireReadWriteLock-requires-reciprocal-call
  Rule: Each call to NdisAcquireReadWriteLock requires a reciprocal call to NdisReleaseReadWriteLock.

    Scenario: A thread that reads twice while a writer waits releases twice, and the writer gets in only after the second
      Given thread "T1" on processor 0 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R1"
      And processor 1 at PASSIVE_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W"
      And processor 1 is still spinning on lock "A"
      When thread "T1" calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R2"
      And thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "R2"
      Then processor 1 is still spinning on lock "A"
      When thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "R1"
      Then thread "T1" is at APC_LEVEL
      And processor 1 acquires lock "A"

    Scenario: Many reads and writes, each released once, on processors reading and writing in turn
      When 3 processors each run 300 critical sections on lock "A", every processor reading and writing in turn with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then every release restored the IRQL its acquire was entered at
      And no writer was ever inside the critical section of lock "A" with anyone else
      And every critical section saw the data as the last writer left it

    @requires:misuse-detection
    Scenario: A second acquire given the LOCK_STATE of an acquisition still held is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      When processor 0 wrongly calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      Then the implementation reports the misuse with a bug check

  @clause:NdisReleaseReadWriteLock.remarks.NdisReleaseReadWriteLock-restores-original-irql-used-caller
  Rule: NdisReleaseReadWriteLock restores the original IRQL that was used by its caller before the call to NdisAcquireReadWriteLock was made.

    Scenario Outline: Acquired for <access> at <entry>, the lock is released back to <entry>
      When processor 1 at <entry> calls NdisAcquireReadWriteLock for <access> on lock "A" with lock state "S"
      And processor 1 calls NdisReleaseReadWriteLock on lock "A" with lock state "S"
      Then processor 1 is at <entry>

      Examples:
        | entry          | access |
        | PASSIVE_LEVEL  | read   |
        | APC_LEVEL      | read   |
        | PASSIVE_LEVEL  | write  |
        | APC_LEVEL      | write  |

    Scenario: A thread reads the lock twice, each with its own LOCK_STATE, and each release restores the IRQL of its acquire
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R1"
      And processor 0 calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R2"
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R2"
      Then processor 0 is at DISPATCH_LEVEL
      When processor 0 calls NdisReleaseReadWriteLock on lock "A" with lock state "R1"
      Then processor 0 is at PASSIVE_LEVEL

    Scenario: Nested acquisitions of two locks, each with its own LOCK_STATE, restore each IRQL in turn
      Given read-write lock "B" initialized by processor 0 at PASSIVE_LEVEL
      When thread "T1" on processor 1 at APC_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "S1"
      And thread "T1" calls NdisAcquireReadWriteLock for write on lock "B" with lock state "S2"
      Then thread "T1" holds lock "B" for write at DISPATCH_LEVEL
      When thread "T1" calls NdisReleaseReadWriteLock on lock "B" with lock state "S2"
      Then thread "T1" is at DISPATCH_LEVEL
      When thread "T1" calls NdisReleaseReadWriteLock on lock "A" with lock state "S1"
      Then thread "T1" is at APC_LEVEL

    Scenario: Readers and writers on several processors, each entering at its own IRQL, each get back their own
      When 3 processors each run 300 critical sections on lock "A", every processor reading with NdisAcquireReadWriteLock, entering at PASSIVE_LEVEL, APC_LEVEL and DISPATCH_LEVEL in turn
      Then every release restored the IRQL its acquire was entered at
      And every critical section saw the data as the last writer left it

  @clause:NdisReleaseReadWriteLock.requirements.irql
  Rule: IRQL: DISPATCH_LEVEL

    Scenario Outline: The release is called at DISPATCH_LEVEL, where the acquire for <access> left its caller
      When processor 2 at APC_LEVEL calls NdisAcquireReadWriteLock for <access> on lock "A" with lock state "S"
      Then processor 2 holds lock "A" for <access> at DISPATCH_LEVEL
      When processor 2 calls NdisReleaseReadWriteLock on lock "A" with lock state "S"
      Then processor 2 is at APC_LEVEL

      Examples:
        | access |
        | read   |
        | write  |

    @requires:misuse-detection
    Scenario: NdisReleaseReadWriteLock at PASSIVE_LEVEL, below DISPATCH_LEVEL, is reported
      Given processor 0 at PASSIVE_LEVEL calls NdisAcquireReadWriteLock for read on lock "A" with lock state "R"
      When processor 0 at PASSIVE_LEVEL wrongly calls NdisReleaseReadWriteLock on lock "A" with lock state "R"
      Then the implementation reports the misuse with a bug check naming rule "Irql_Synch_Function"
