// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RollupFixture} from "./RollupFixture.sol";
import {SequencerRole} from "../../../src/rollup/SequencerRole.sol";
import {RollupBase} from "../../../src/rollup/RollupBase.sol";
import {CounterweightRollup} from "../../../src/rollup/CounterweightRollup.sol";
import {RollupConfig} from "../../../src/rollup/RollupTypes.sol";

/// The sequencer role: a handover takes at least 30 days; the bond leaves only after a delay.
contract RollupSequencerTest is RollupFixture {
    function test_handoverWaitsTheTimelock() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.NotSequencer.selector, alice));
        rollup.proposeSequencer(alice);
        vm.prank(seq);
        rollup.proposeSequencer(alice);
        assertEq(rollup.handoverEta(), T0 + HANDOVER);
        vm.prank(alice);
        rollup.depositBond{value: MIN_BOND}();
        vm.warp(T0 + HANDOVER - 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.HandoverNotReady.selector, T0 + HANDOVER));
        rollup.acceptSequencer();
        vm.warp(T0 + HANDOVER);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.NotPendingSequencer.selector, bob));
        rollup.acceptSequencer();
        vm.prank(alice);
        rollup.acceptSequencer();
        assertEq(rollup.sequencer(), alice);
        assertEq(rollup.pendingSequencer(), address(0));
    }

    /// However it is timed, a handover completes no sooner than 30 days after its proposal.
    function testFuzz_noHandoverBefore30Days(uint256 proposeAt, uint256 acceptAfter) public {
        proposeAt = bound(proposeAt, T0, T0 + 3650 days);
        acceptAfter = bound(acceptAfter, 0, 30 days - 1);
        vm.prank(alice);
        rollup.depositBond{value: MIN_BOND}();
        vm.warp(proposeAt);
        vm.prank(seq);
        rollup.proposeSequencer(alice);
        vm.warp(proposeAt + acceptAfter);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.HandoverNotReady.selector, proposeAt + HANDOVER));
        rollup.acceptSequencer();
        assertEq(rollup.sequencer(), seq);
    }

    function test_successorMustBeBondedAndProposalCancellable() public {
        vm.prank(seq);
        rollup.proposeSequencer(alice);
        vm.warp(T0 + HANDOVER);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.BondTooLow.selector, 0, MIN_BOND));
        rollup.acceptSequencer();
        vm.prank(seq);
        rollup.cancelHandover();
        vm.prank(alice);
        rollup.depositBond{value: MIN_BOND}();
        vm.prank(alice);
        vm.expectRevert(SequencerRole.NoHandoverPending.selector);
        rollup.acceptSequencer();
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.InvalidSuccessor.selector, address(0)));
        rollup.proposeSequencer(address(0));
    }

    function test_deploymentRefusesShortHandoverDelay() public {
        RollupConfig memory c = config();
        c.handoverDelay = 30 days - 1;
        vm.expectRevert(abi.encodeWithSelector(RollupBase.InvalidConfig.selector, "handoverDelay"));
        new CounterweightRollup(c);
        c = config();
        c.escapeDelay = INCLUSION + PROOF_WINDOW;
        vm.expectRevert(abi.encodeWithSelector(RollupBase.InvalidConfig.selector, "escapeDelay"));
        new CounterweightRollup(c);
    }

    function test_bondWithdrawalAfterDelay() public {
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.BondRequestTooLarge.selector, MIN_BOND + 1, MIN_BOND));
        rollup.requestBondWithdrawal(MIN_BOND + 1);
        vm.prank(seq);
        rollup.requestBondWithdrawal(MIN_BOND);
        assertEq(rollup.availableBond(seq), 0);
        vm.warp(T0 + BOND_DELAY - 1);
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.BondWithdrawalNotReady.selector, T0 + BOND_DELAY));
        rollup.withdrawBond(seq);
        vm.warp(T0 + BOND_DELAY);
        uint256 before = bob.balance;
        vm.prank(seq);
        rollup.withdrawBond(bob);
        assertEq(bob.balance, before + MIN_BOND);
        assertEq(rollup.bondOf(seq), 0);
        vm.prank(seq);
        vm.expectRevert(SequencerRole.NoBondWithdrawalRequested.selector);
        rollup.withdrawBond(seq);
    }

    /// Nothing of the configuration can change: there is no owner and no setter; these are
    /// all immutables (checked by reading them after a handover).
    function test_rulesSurviveHandover() public {
        address verifierBefore = rollup.verifier();
        uint256 domainBefore = rollup.domain();
        vm.prank(alice);
        rollup.depositBond{value: MIN_BOND}();
        vm.prank(seq);
        rollup.proposeSequencer(alice);
        vm.warp(T0 + HANDOVER);
        vm.prank(alice);
        rollup.acceptSequencer();
        assertEq(rollup.verifier(), verifierBefore);
        assertEq(rollup.domain(), domainBefore);
        assertEq(rollup.inclusionDelay(), INCLUSION);
        assertEq(rollup.escapeDelay(), ESCAPE);
    }
}
