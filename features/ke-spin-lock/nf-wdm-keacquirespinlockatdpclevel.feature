# Conformance features for docs-source/wdm/nf-wdm-keacquirespinlockatdpclevel.md.
# One Rule per clause of the page: the Rule's title is the clause's text, its tag is the clause's id.
@family:ke-spin-lock
Feature: KeAcquireSpinLockAtDpcLevel does what the reference page says
  NF:wdm.KeAcquireSpinLockAtDpcLevel. Every scenario runs on a fresh simulated machine.

  Background:
    Given a simulated machine with at least 2 processors
    And spin lock "A" initialized by processor 0 at PASSIVE_LEVEL

  @clause:KeAcquireSpinLockAtDpcLevel.description.KeAcquireSpinLockAtDpcLevel-routine-acquires-spin-lock-when
  Rule: The KeAcquireSpinLockAtDpcLevel routine acquires a spin lock when the caller is already running at IRQL >= DISPATCH_LEVEL.

    Scenario: A lock held at DPC level makes KeAcquireSpinLock on another processor wait
      Given processor 1 at DISPATCH_LEVEL calls KeAcquireSpinLockAtDpcLevel on lock "A"
      When processor 0 at APC_LEVEL starts KeAcquireSpinLock on lock "A"
      Then processor 0 is still spinning on lock "A"
      When processor 1 calls KeReleaseSpinLockFromDpcLevel on lock "A"
      Then processor 0 acquires lock "A"

    Scenario: A processor that pauses between seeing the lock free and taking it still excludes the next one
      Given processor 0 will pause at its first spin-wait turn
      When processor 0 at DISPATCH_LEVEL starts KeAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 0 either pauses at a spin-wait turn or returns
      When processor 1 at DISPATCH_LEVEL starts KeAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 1 is still spinning on lock "A"

  @clause:KeAcquireSpinLockAtDpcLevel.remarks.drivers-call-KeAcquireSpinLockAtDpcLevel-instead-KeAcquireSpinLock-better
  Rule: Drivers call KeAcquireSpinLockAtDpcLevel instead of KeAcquireSpinLock for better driver performance if and only if they are already running at an IRQL of DISPATCH_LEVEL or above.

    Scenario: A caller at DISPATCH_LEVEL takes and gives back the lock without changing its IRQL
      When processor 0 at DISPATCH_LEVEL calls KeAcquireSpinLockAtDpcLevel on lock "A"
      And processor 0 calls KeReleaseSpinLockFromDpcLevel on lock "A"
      Then processor 0 is at DISPATCH_LEVEL

    @requires:misuse-detection
    Scenario: KeAcquireSpinLockAtDpcLevel at PASSIVE_LEVEL is reported
      When processor 0 at PASSIVE_LEVEL misuses KeAcquireSpinLockAtDpcLevel on lock "A"
      Then the implementation reports the misuse with a bug check naming rule "IrqlDispatch"

  @clause:KeAcquireSpinLockAtDpcLevel.remarks.if-driver-running-irql-apc_level-should
  Rule: If a driver is running at IRQL <= APC_LEVEL, it should call KeAcquireSpinLock to have IRQL raised by that routine.

    Scenario: A caller at APC_LEVEL uses KeAcquireSpinLock and is raised
      When processor 0 at APC_LEVEL calls KeAcquireSpinLock on lock "A"
      Then processor 0 is at DISPATCH_LEVEL
      When processor 0 calls KeReleaseSpinLock on lock "A"
      Then processor 0 is at APC_LEVEL

    @requires:misuse-detection
    Scenario: KeAcquireSpinLockAtDpcLevel at APC_LEVEL is reported
      When processor 0 at APC_LEVEL misuses KeAcquireSpinLockAtDpcLevel on lock "A"
      Then the implementation reports the misuse with a bug check naming rule "IrqlDispatch"

  @clause:KeAcquireSpinLockAtDpcLevel.remarks.KeAcquireSpinLockAtDpcLevel-assumes-caller-already-running-irql
  Rule: KeAcquireSpinLockAtDpcLevel assumes the caller is already running at IRQL >= DISPATCH_LEVEL, so no raise is necessary.

    Scenario Outline: KeAcquireSpinLockAtDpcLevel at <irql> neither raises nor lowers
      When processor 0 at <irql> calls KeAcquireSpinLockAtDpcLevel on lock "A"
      Then processor 0's KeAcquireSpinLockAtDpcLevel neither raised nor lowered the IRQL
      And processor 0 is at <irql>
      When processor 0 calls KeReleaseSpinLockFromDpcLevel on lock "A"
      Then processor 0 is at <irql>

      Examples:
        | irql           |
        | DISPATCH_LEVEL |
        | DIRQL 5        |

  @untestable
  @clause:KeAcquireSpinLockAtDpcLevel.remarks.caller-should-release-spin-lock-KeReleaseSpinLockFromDpcLevel
  Rule: The caller should release the spin lock with KeReleaseSpinLockFromDpcLevel as quickly as possible.
    Untestable from outside: "as quickly as possible" sets no bound that a caller could break or an implementation report.

  # Informative: no scenario is required.
  @clause:KeAcquireSpinLockAtDpcLevel.remarks.more-information-about-spin-locks-see
  Rule: For more information about spin locks, see Spin Locks.

  @clause:KeAcquireSpinLockAtDpcLevel.requirements.irql
  Rule: IRQL: See Remarks section.

    Scenario Outline: KeAcquireSpinLockAtDpcLevel works at <irql>
      When processor 1 at <irql> calls KeAcquireSpinLockAtDpcLevel on lock "A"
      And processor 1 calls KeReleaseSpinLockFromDpcLevel on lock "A"
      Then processor 1 is at <irql>

      Examples:
        | irql           |
        | DISPATCH_LEVEL |
        | DIRQL 5        |

    @requires:misuse-detection
    Scenario: KeAcquireSpinLockAtDpcLevel below DISPATCH_LEVEL is reported
      When processor 1 at PASSIVE_LEVEL misuses KeAcquireSpinLockAtDpcLevel on lock "A"
      Then the implementation reports the misuse with a bug check naming rule "IrqlDispatch"
