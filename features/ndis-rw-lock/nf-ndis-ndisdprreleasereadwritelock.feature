# Conformance features for docs-source/ndis/nf-ndis-ndisdprreleasereadwritelock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
# `./ddikit check` fails when a title no longer equals the page's sentence.
@family:ndis-rw-lock
Feature: NdisDprReleaseReadWriteLock does what the reference page says
  NF:ndis.NdisDprReleaseReadWriteLock. Every scenario runs on a fresh simulated machine; processors, and threads of a
  processor, enter at the IRQLs the scenario gives (DISPATCH_LEVEL for the Dpr variants); each acquisition has a
  LOCK_STATE of its own, which the kit owns and which the release is given back.

  Background:
    Given a simulated machine with at least 3 processors
    And read-write lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:NdisDprReleaseReadWriteLock.description.NdisDprReleaseReadWriteLock-function-releases-lock-acquired-preceding
  Rule: The NdisDprReleaseReadWriteLock function releases a lock that was acquired in a preceding call to NdisDprAcquireReadWriteLock.

    Scenario: A Dpr writer's release lets the writer that waits for it in, and leaves its caller at DISPATCH_LEVEL
      Given processor 0 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for write on lock "A" with lock state "W0"
      And processor 1 at APC_LEVEL starts NdisAcquireReadWriteLock for write on lock "A" with lock state "W1"
      And processor 1 is still spinning on lock "A"
      When processor 0 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "W0"
      Then processor 0's NdisDprReleaseReadWriteLock returned at DISPATCH_LEVEL with 0 raises and 0 lowers
      And processor 1 acquires lock "A"
      And processor 1 holds lock "A" for write at DISPATCH_LEVEL

    Scenario: A Dpr reader's release lets a writer in, and leaves its caller at DISPATCH_LEVEL
      Given processor 2 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R"
      When processor 2 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R"
      Then processor 2 is at DISPATCH_LEVEL
      And processor 0 at PASSIVE_LEVEL can take and give back lock "A" for write with NdisAcquireReadWriteLock and NdisReleaseReadWriteLock

    Scenario: Releases with NdisDprReleaseReadWriteLock on processors reading and writing in turn let the others in
      When 3 processors each run 300 critical sections on lock "A", every processor reading and writing in turn with NdisDprAcquireReadWriteLock at DISPATCH_LEVEL
      Then no writer was ever inside the critical section of lock "A" with anyone else
      And no reader was ever inside the critical section of lock "A" with a writer
      And every critical section saw the data as the last writer left it
      And every release restored the IRQL its acquire was entered at

  # Informative: no scenario is required.
  @clause:NdisDprReleaseReadWriteLock.description.read-write-lock-interface-deprecated-ndis
  Rule: The read-write lock interface is deprecated for NDIS 6.20 and later drivers, which should use NdisReleaseRWLock instead of NdisDprReleaseReadWriteLock.

  @clause:NdisDprReleaseReadWriteLock.remarks.driver-must-initialize-lock-before-calling
  Rule: A driver must initialize a lock before calling any other NdisXxxReadWriteLock function that is used to acquire or release read or write access to the resources that are protected by that lock.

    Scenario: Initialized, taken and given back with the Dpr variants
      Given read-write lock "B" is declared but not initialized
      When processor 0 at DISPATCH_LEVEL calls NdisInitializeReadWriteLock on lock "B"
      And processor 0 calls NdisDprAcquireReadWriteLock for read on lock "B" with lock state "R"
      And processor 0 calls NdisDprReleaseReadWriteLock on lock "B" with lock state "R"
      Then processor 0 is at DISPATCH_LEVEL

    @requires:misuse-detection
    Scenario: NdisDprReleaseReadWriteLock on a lock never initialized is reported
      Given read-write lock "B" is declared but not initialized
      When processor 0 at DISPATCH_LEVEL wrongly calls NdisDprReleaseReadWriteLock on lock "B" with lock state "R"
      Then the implementation reports the misuse with a bug check

  @clause:NdisDprReleaseReadWriteLock.remarks.NdisInitializeReadWriteLock-function-used-initialize-lock
  Rule: The NdisInitializeReadWriteLock function is used to initialize a lock.

    Scenario: A lock initialized with NdisInitializeReadWriteLock serves the Dpr variants on several processors
      Given read-write lock "B" initialized by processor 2 at APC_LEVEL
      When processor 0 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for write on lock "B" with lock state "W"
      And processor 0 calls NdisDprReleaseReadWriteLock on lock "B" with lock state "W"
      And processor 1 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for read on lock "B" with lock state "R"
      And processor 1 calls NdisDprReleaseReadWriteLock on lock "B" with lock state "R"
      Then processor 2 at DISPATCH_LEVEL can take and give back lock "B" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock

  @clause:NdisDprReleaseReadWriteLock.remarks.driver-must-call-NdisDprAcquireReadWriteLock-function-acquire
  Rule: A driver must call the NdisDprAcquireReadWriteLock function to acquire a lock before the driver can call NdisDprReleaseReadWriteLock.

    Scenario: Acquired with NdisDprAcquireReadWriteLock, then released with the same LOCK_STATE
      When processor 1 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for write on lock "A" with lock state "W"
      And processor 1 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "W"
      Then processor 2 at DISPATCH_LEVEL can take and give back lock "A" for write with NdisDprAcquireReadWriteLock and NdisDprReleaseReadWriteLock

    @requires:misuse-detection
    Scenario: NdisDprReleaseReadWriteLock with a LOCK_STATE no acquire was given is reported
      When processor 1 at DISPATCH_LEVEL wrongly calls NdisDprReleaseReadWriteLock on lock "A" with lock state "NEVER"
      Then the implementation reports the misuse with a bug check

  @clause:NdisDprReleaseReadWriteLock.remarks.each-call-NdisDprAcquireReadWriteLock-requires-reciprocal-call
  Rule: Each call to NdisDprAcquireReadWriteLock requires a reciprocal call to NdisDprReleaseReadWriteLock.

    Scenario: A thread at DISPATCH_LEVEL reads twice while a writer waits, releases twice, and the writer gets in only after the second
      Given thread "T1" on processor 2 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R1"
      And processor 0 at DISPATCH_LEVEL starts NdisDprAcquireReadWriteLock for write on lock "A" with lock state "W"
      And processor 0 is still spinning on lock "A"
      When thread "T1" calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R2"
      And thread "T1" calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R2"
      Then processor 0 is still spinning on lock "A"
      When thread "T1" calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R1"
      Then processor 0 acquires lock "A"

    @requires:misuse-detection
    Scenario: A second NdisDprReleaseReadWriteLock of one acquisition is reported
      Given processor 1 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R"
      And processor 1 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R"
      When processor 1 wrongly calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R"
      Then the implementation reports the misuse with a bug check

  @clause:NdisDprReleaseReadWriteLock.requirements.irql
  Rule: IRQL: DISPATCH_LEVEL

    Scenario Outline: Called at DISPATCH_LEVEL, NdisDprReleaseReadWriteLock of <access> access keeps its caller there
      Given processor 1 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for <access> on lock "A" with lock state "S"
      When processor 1 calls NdisDprReleaseReadWriteLock on lock "A" with lock state "S"
      Then processor 1 is at DISPATCH_LEVEL
      And processor 1's NdisDprReleaseReadWriteLock returned at DISPATCH_LEVEL with 0 raises and 0 lowers

      Examples:
        | access |
        | read   |
        | write  |

    @requires:misuse-detection
    Scenario: NdisDprReleaseReadWriteLock at APC_LEVEL, below DISPATCH_LEVEL, is reported
      Given processor 1 at DISPATCH_LEVEL calls NdisDprAcquireReadWriteLock for read on lock "A" with lock state "R"
      When processor 1 at APC_LEVEL wrongly calls NdisDprReleaseReadWriteLock on lock "A" with lock state "R"
      Then the implementation reports the misuse with a bug check
