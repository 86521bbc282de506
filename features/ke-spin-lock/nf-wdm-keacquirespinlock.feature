# Conformance features for docs-source/wdm/nf-wdm-keacquirespinlock.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
@family:ke-spin-lock
Feature: KeAcquireSpinLock does what the reference page says
  NF:wdm.KeAcquireSpinLock. Every scenario runs on a fresh simulated machine; processors enter at the IRQLs the
  scenario gives, and every call into the implementation is bounded by the watchdog.

  Background:
    Given a simulated machine with at least 3 processors
    And spin lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:KeAcquireSpinLock.description.KeAcquireSpinLock-routine-acquires-spin-lock-so
  Rule: The KeAcquireSpinLock routine acquires a spin lock so the caller can synchronize access to shared data in a multiprocessor-safe way by raising IRQL.

    Scenario: A processor that asks for a held lock spins until the holder releases it
      Given processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      When processor 1 at APC_LEVEL starts KeAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      When processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 1 acquires lock "A"
      And processor 1 is at DISPATCH_LEVEL

    Scenario: A processor that pauses between seeing the lock free and taking it still excludes the next one
      Given processor 0 will pause at its first spin-wait turn
      When processor 0 at PASSIVE_LEVEL starts KeAcquireSpinLock on lock "A"
      Then processor 0 either pauses at a spin-wait turn or returns
      When processor 1 at APC_LEVEL starts KeAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"

    Scenario: A lock held with KeAcquireSpinLockAtDpcLevel excludes KeAcquireSpinLock on another processor
      Given processor 1 at DISPATCH_LEVEL calls KeAcquireSpinLockAtDpcLevel on lock "A"
      When processor 0 at PASSIVE_LEVEL starts KeAcquireSpinLock on lock "A"
      Then processor 0 is still spinning on lock "A"
      When processor 1 calls KeReleaseSpinLockFromDpcLevel on lock "A"
      Then processor 0 acquires lock "A"

  @clause:KeAcquireSpinLock.remarks.KeAcquireSpinLock-first-resets-irql-dispatch_level-then
  Rule: KeAcquireSpinLock first resets the IRQL to DISPATCH_LEVEL and then acquires the lock.

    Scenario Outline: A caller at <irql> holds the lock at DISPATCH_LEVEL
      When processor 0 at <irql> calls KeAcquireSpinLock on lock "A"
      Then processor 0 is at DISPATCH_LEVEL

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    Scenario: The lock is still free while the acquiring processor raises its IRQL
      Given processor 0 will pause just before its next KeRaiseIrql
      When processor 0 at PASSIVE_LEVEL starts KeAcquireSpinLock on lock "A"
      Then processor 0 pauses inside KeAcquireSpinLock, at PASSIVE_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with KeAcquireSpinLockAtDpcLevel and KeReleaseSpinLockFromDpcLevel
      When processor 0 is let go
      Then processor 0 returns from KeAcquireSpinLock at DISPATCH_LEVEL

  @clause:KeAcquireSpinLock.remarks.previous-irql-written-OldIrql-after-lock
  Rule: The previous IRQL is written to OldIrql after the lock is acquired.

    Scenario Outline: A caller at <irql> finds <irql> in OldIrql
      When processor 0 at <irql> calls KeAcquireSpinLock on lock "A"
      Then processor 0's OldIrql for lock "A" holds <irql>

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    Scenario: A processor waiting for the lock writes nothing to its OldIrql until it has the lock
      Given processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      When processor 1 at APC_LEVEL starts KeAcquireSpinLock on lock "A"
      Then processor 1 is still spinning on lock "A"
      And processor 1 has written nothing to its OldIrql for lock "A" while another processor holds it
      When processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 1 acquires lock "A"
      And processor 1's OldIrql for lock "A" holds APC_LEVEL

  @clause:KeAcquireSpinLock.remarks.OldIrql-value-must-specified-when-spin
  Rule: The OldIrql value must be specified when the spin lock is released with KeReleaseSpinLock.

    Scenario: Releasing with the OldIrql value restores the caller's IRQL
      When processor 0 at APC_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL

    @requires:misuse-detection
    Scenario: Releasing with another value than OldIrql is reported
      When processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 misuses KeReleaseSpinLock on lock "A" with NewIrql APC_LEVEL
      Then the implementation reports the misuse with a bug check naming rule "IrqlKeReleaseSpinLock"

  # Informative: no scenario is required.
  @clause:KeAcquireSpinLock.remarks.most-drivers-use-local-variable-store
  Rule: Most drivers use a local variable to store the old IRQL value.

  @clause:KeAcquireSpinLock.remarks.driver-can-also-use-shared-memory
  Rule: A driver can also use a shared memory location, such as a global variable, but the driver must not use the same location for two different locks.

    Scenario: A shared variable used for one lock at a time works
      Given the caller keeps OldIrql in one shared variable for every lock
      And spin lock "B" initialized by processor 0 at PASSIVE_LEVEL
      When processor 0 at APC_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 calls KeReleaseSpinLock on lock "A"
      And processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "B"
      And processor 0 calls KeReleaseSpinLock on lock "B"
      Then processor 0 is at PASSIVE_LEVEL

    @requires:misuse-detection
    Scenario: One shared variable for two locks held at once is reported at the first release
      Given the caller keeps OldIrql in one shared variable for every lock
      And spin lock "B" initialized by processor 0 at PASSIVE_LEVEL
      When processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 calls KeAcquireSpinLock on lock "B"
      And processor 0 calls KeReleaseSpinLock on lock "B"
      And processor 0 misuses KeReleaseSpinLock on lock "A" with NewIrql DISPATCH_LEVEL
      Then the implementation reports the misuse with a bug check naming rule "IrqlKeReleaseSpinLock"

  # Informative: no scenario is required.
  @clause:KeAcquireSpinLock.remarks.otherwise-race-condition-can-occur
  Rule: Otherwise, a race condition can occur.

  # Informative: no scenario is required.
  @clause:KeAcquireSpinLock.remarks.spin-locks-can-cause-serious-problems
  Rule: Spin locks can cause serious problems if not used judiciously.

  @clause:KeAcquireSpinLock.remarks.particular-no-deadlock-protection-performed-dispatching
  Rule: In particular, no deadlock protection is performed and dispatching is disabled while the spin lock is held.

    Scenario: The lock is held at DISPATCH_LEVEL from the moment it is won
      Given processor 0 will pause just before its next KeRaiseIrql
      When processor 0 at APC_LEVEL starts KeAcquireSpinLock on lock "A"
      Then processor 0 pauses inside KeAcquireSpinLock, at APC_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with KeAcquireSpinLockAtDpcLevel and KeReleaseSpinLockFromDpcLevel
      When processor 0 is let go
      Then processor 0 returns from KeAcquireSpinLock at DISPATCH_LEVEL

    Scenario: The lock is given up before the releasing processor lowers its IRQL
      Given processor 0 at PASSIVE_LEVEL calls KeAcquireSpinLock on lock "A"
      And processor 0 will pause just after its next KeLowerIrql
      When processor 0 starts KeReleaseSpinLock on lock "A"
      Then processor 0 pauses inside KeReleaseSpinLock, at PASSIVE_LEVEL
      And processor 1 at DISPATCH_LEVEL can take and give back lock "A" with KeAcquireSpinLockAtDpcLevel and KeReleaseSpinLockFromDpcLevel
      When processor 0 is let go
      Then processor 0 returns from KeReleaseSpinLock at PASSIVE_LEVEL

  # Informative: no scenario is required.
  @clause:KeAcquireSpinLock.remarks.therefore
  Rule: Therefore:

  @untestable
  @clause:KeAcquireSpinLock.remarks.code-within-critical-region-guarded-spin
  Rule: The code within a critical region guarded by an spin lock must neither be pageable nor make any references to pageable data.
    Untestable from outside: the simulated machine has no paging, so neither the implementation nor the kit can see a page fault in a critical region.

  @untestable
  @clause:KeAcquireSpinLock.remarks.code-within-critical-region-guarded-spin-2
  Rule: The code within a critical region guarded by a spin lock can neither call any external function that might access pageable data or raise an exception, nor can it generate any exceptions.
    Untestable from outside: what the caller's critical region calls or throws is the caller's code, which the implementation never sees.

  @untestable
  @clause:KeAcquireSpinLock.remarks.caller-should-release-spin-lock-KeReleaseSpinLock
  Rule: The caller should release the spin lock with KeReleaseSpinLock as quickly as possible.
    Untestable from outside: "as quickly as possible" sets no bound that a caller could break or an implementation report.

  # Informative: no scenario is required.
  @clause:KeAcquireSpinLock.remarks.attempting-acquire-spin-lock-recursively-guaranteed
  Rule: Attempting to acquire a spin lock recursively is guaranteed to cause a deadlock.

  # Informative: no scenario is required.
  @clause:KeAcquireSpinLock.remarks.more-information-about-spin-locks-see
  Rule: For more information about spin locks, see Spin Locks.

  @clause:KeAcquireSpinLock.requirements.irql
  Rule: IRQL: <= DISPATCH_LEVEL

    Scenario Outline: KeAcquireSpinLock works at <irql>
      When processor 1 at <irql> calls KeAcquireSpinLock on lock "A"
      Then processor 1 is at DISPATCH_LEVEL
      When processor 1 calls KeReleaseSpinLock on lock "A"
      Then processor 1 is at <irql>

      Examples:
        | irql           |
        | PASSIVE_LEVEL  |
        | APC_LEVEL      |
        | DISPATCH_LEVEL |

    @requires:misuse-detection
    Scenario: KeAcquireSpinLock above DISPATCH_LEVEL is reported
      When processor 1 at DIRQL 5 misuses KeAcquireSpinLock on lock "A"
      Then the implementation reports the misuse with a bug check naming rule "IrqlKeDispatchLte"
