// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RollupFixture} from "./RollupFixture.sol";
import {Vm} from "../../Vm.sol";
import {L1Queue} from "../../../src/rollup/L1Queue.sol";
import {RollupBase} from "../../../src/rollup/RollupBase.sol";
import {TestToken} from "../../../src/testing/TestToken.sol";
import {ChunkClaim, FIELD_MODULUS, RollupConfig} from "../../../src/rollup/RollupTypes.sol";
import {CounterweightRollup} from "../../../src/rollup/CounterweightRollup.sol";

/// The L1 queue: entry hashes and chain, events, fees and the anti-flood cap, token deposits.
contract RollupQueueTest is RollupFixture {
    event QueueEntryAdded(
        uint256 indexed position,
        uint256 indexed kind,
        address indexed sender,
        uint256 index,
        uint256 tokenId,
        uint256 toIndex,
        uint256 amount,
        uint256 pubKeyX,
        uint256 pubKeyY,
        uint256 queueHash,
        uint256 timestamp,
        uint256 fee
    );

    /// `kind | index << 8 | tokenId << 40 | toIndex << 72`.
    function hdr(uint256 kind, uint256 index, uint256 tokenId, uint256 toIndex) internal pure returns (uint256) {
        return kind | (index << 8) | (tokenId << 40) | (toIndex << 72);
    }

    function entryHash(uint256 header, address sender, uint256 amount, uint256 x, uint256 y) internal view returns (uint256) {
        return t6.hash5(header, uint160(sender), amount, x, y);
    }

    function test_everyKindChainsAndEmits() public {
        uint256 fee = rollup.queueFee();
        assertEq(fee, FEE);
        uint256 q0 = 0;
        uint256 q1 = t3.hash2(q0, entryHash(hdr(1, 0, 0, 0), alice, 5 ether, 7, 8));
        vm.expectEmit(true, true, true, true, address(rollup));
        emit QueueEntryAdded(0, 1, alice, 0, 0, 0, 5 ether, 7, 8, q1, T0, fee);
        vm.prank(alice);
        rollup.depositETH{value: 5 ether + fee}(5 ether, 0, 7, 8);

        vm.warp(T0 + 10);
        uint256 q2 = t3.hash2(q1, entryHash(hdr(2, 3, 0, 0), bob, 0, 9, 10));
        vm.expectEmit(true, true, true, true, address(rollup));
        emit QueueEntryAdded(1, 2, bob, 3, 0, 0, 0, 9, 10, q2, T0 + 10, fee);
        vm.prank(bob);
        rollup.setKey{value: fee}(3, 9, 10);

        uint256 q3 = t3.hash2(q2, entryHash(hdr(3, 1, 0, 2), alice, 77, 0, 0));
        vm.prank(alice);
        rollup.forcedTransfer{value: fee}(1, 2, 77);
        uint256 q4 = t3.hash2(q3, entryHash(hdr(4, 1, 0, 0), alice, 55, 0, 0));
        vm.prank(alice);
        rollup.forcedWithdraw{value: fee}(1, 55);

        assertEq(rollup.queueLength(), 4);
        assertEq(rollup.queueHashAt(0), 0);
        assertEq(rollup.queueHashAt(1), q1);
        assertEq(rollup.queueHashAt(2), q2);
        assertEq(rollup.queueHashAt(3), q3);
        assertEq(rollup.queueHashAt(4), q4);
        assertEq(rollup.queueEntryTime(0), T0);
        assertEq(rollup.queueEntryTime(1), T0 + 10);
        assertEq(rollup.queueFeesBefore(4), 4 * fee);
        assertEq(rollup.custody(0), 5 ether);
        vm.expectRevert(abi.encodeWithSelector(L1Queue.IndexOutOfRange.selector, 5));
        rollup.queueHashAt(5);
    }

    /// Any field values in range hash exactly as the formula says; timestamps and fees of
    /// neighbouring entries (two per slot) stay apart.
    function testFuzz_depositEntry(uint128 amount, uint256 toIndex, uint256 x, uint256 y, uint40 dt) public {
        dt = uint40(bound(dt, 0, (uint256(1) << 40) - 1 - T0));
        toIndex = bound(toIndex, 0, (1 << DEPTH) - 1);
        x = bound(x, 0, FIELD_MODULUS - 1);
        y = bound(y, 0, FIELD_MODULUS - 1);
        amount = uint128(bound(amount, 0, 100 ether));
        depositETH(bob, 1);
        vm.warp(T0 + dt);
        uint256 fee = rollup.queueFee();
        vm.prank(alice);
        rollup.depositETH{value: uint256(amount) + fee}(amount, toIndex, x, y);
        assertEq(rollup.queueHashAt(2), t3.hash2(rollup.queueHashAt(1), entryHash(hdr(1, toIndex, 0, 0), alice, amount, x, y)));
        assertEq(rollup.queueEntryTime(0), T0);
        assertEq(rollup.queueEntryTime(1), T0 + dt);
        assertEq(rollup.queueFeesBefore(1), FEE);
        assertEq(rollup.queueFeesBefore(2), FEE + fee);
    }

    function test_rangeChecks() public {
        uint256 fee = rollup.queueFee();
        vm.deal(alice, uint256(1) << 129);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(L1Queue.AmountTooLarge.selector, uint256(1) << 128));
        rollup.depositETH{value: (uint256(1) << 128) + fee}(uint256(1) << 128, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(L1Queue.IndexOutOfRange.selector, 256));
        rollup.forcedWithdraw{value: fee}(256, 1);
        vm.expectRevert(abi.encodeWithSelector(L1Queue.IndexOutOfRange.selector, 256));
        rollup.forcedTransfer{value: fee}(1, 256, 1);
        vm.expectRevert(L1Queue.KeyOutOfField.selector);
        rollup.setKey{value: fee}(1, FIELD_MODULUS, 1);
        vm.expectRevert(abi.encodeWithSelector(L1Queue.FeeTooLow.selector, 10 + fee, 10 + fee - 1));
        rollup.depositETH{value: 10 + fee - 1}(10, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(L1Queue.FeeTooLow.selector, fee, 0));
        rollup.forcedWithdraw(1, 1);
        vm.stopPrank();
    }

    function test_excessIsReturned() public {
        uint256 before = alice.balance;
        vm.prank(alice);
        rollup.depositETH{value: 3 ether}(1 ether, 0, 0, 0);
        assertEq(alice.balance, before - 1 ether - FEE);
        assertEq(address(rollup).balance, MIN_BOND + 1 ether + FEE);
    }

    /// Anti-flood: the fee doubles every FEE_STEP entries of backlog, the backlog is capped at
    /// 128 steps, and consuming entries brings the fee back down.
    function test_feeDoublesWithBacklogAndQueueIsCapped() public {
        uint256 paid;
        for (uint256 i; i < 3 * FEE_STEP; ++i) {
            uint256 fee = rollup.queueFee();
            assertEq(fee, FEE << (i / FEE_STEP), "fee schedule");
            paid += fee;
            vm.prank(alice);
            rollup.forcedWithdraw{value: fee}(1, 1);
        }
        assertEq(paid, FEE * FEE_STEP * 7, "flooding 3 steps costs 7x the base");
        assertEq(rollup.queueFee(), FEE << 3);
        // Consuming the backlog (a committed batch) resets the price.
        setBlob("b");
        uint256 chunks = 3 * FEE_STEP / NQUEUE;
        vm.prank(seq);
        rollup.commitBatch(_claims(chunks), opening(_claims(chunks)));
        assertEq(rollup.queueFee(), FEE);
    }

    function test_queueFullAt128Steps() public {
        _redeployWithStep(1, 0);
        for (uint256 i; i < 128; ++i) {
            vm.prank(alice);
            rollup.forcedWithdraw(1, 1);
        }
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(L1Queue.QueueFull.selector, 128));
        rollup.forcedWithdraw(1, 1);
        vm.expectRevert(abi.encodeWithSelector(L1Queue.QueueFull.selector, 128));
        rollup.queueFee();
    }

    function _redeployWithStep(uint256 step, uint256 base) internal {
        RollupConfig memory c = config();
        c.queueFeeStep = step;
        c.queueFeeBase = base;
        rollup = new CounterweightRollup(c);
    }

    function _claims(uint256 chunks) internal pure returns (ChunkClaim[] memory cs) {
        cs = new ChunkClaim[](chunks);
        for (uint256 k; k < chunks; ++k) cs[k] = claim(100 + k, (k + 1) * NQUEUE, 7);
    }

    // ------------------------------------------------------------------ tokens

    function test_listTokenAndDeposit() public {
        TestToken token = new TestToken("T", "T");
        uint256 id = rollup.listToken(address(token));
        assertEq(id, 1);
        assertEq(rollup.tokenAddress(1), address(token));
        assertEq(rollup.tokenIdOf(address(token)), 1);
        vm.expectRevert(abi.encodeWithSelector(RollupBase.TokenAlreadyListed.selector, address(token), 1));
        rollup.listToken(address(token));
        vm.expectRevert(abi.encodeWithSelector(RollupBase.NotAContract.selector, alice));
        rollup.listToken(alice);
        vm.expectRevert(abi.encodeWithSelector(RollupBase.UnknownToken.selector, 2));
        rollup.tokenAddress(2);

        token.mint(alice, 1000);
        vm.startPrank(alice);
        token.approve(address(rollup), 1000);
        rollup.depositToken{value: FEE}(1, 600, 0, 1, 2);
        vm.stopPrank();
        assertEq(rollup.custody(1), 600);
        assertEq(rollup.queueHashAt(1), t3.hash2(0, entryHash(hdr(1, 0, 1, 0), alice, 600, 1, 2)));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(RollupBase.TransferFailed.selector, address(rollup), 1, 600));
        rollup.depositToken{value: FEE}(1, 600, 0, 1, 2); // only 400 approved and held
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(RollupBase.UnknownToken.selector, 0));
        rollup.depositToken{value: FEE}(0, 1, 0, 0, 0);
    }

    /// A fee-on-transfer token is credited with what arrived, not what was asked.
    function testFuzz_feeOnTransferCreditsReceived(uint256 bps, uint128 amount) public {
        bps = bound(bps, 0, 5000);
        TestToken token = new TestToken("F", "F");
        token.setFeeBps(bps);
        rollup.listToken(address(token));
        token.mint(alice, amount);
        vm.startPrank(alice);
        token.approve(address(rollup), amount);
        vm.recordLogs();
        rollup.depositToken{value: FEE}(1, amount, 0, 0, 0);
        vm.stopPrank();
        uint256 received = amount - (uint256(amount) * bps) / 10_000;
        assertEq(rollup.custody(1), received);
        assertEq(token.balanceOf(address(rollup)), received);
        assertEq(rollup.queueHashAt(1), t3.hash2(0, entryHash(hdr(1, 0, 1, 0), alice, received, 0, 0)));
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bytes memory data = logs[logs.length - 1].data;
        uint256 loggedAmount;
        assembly ("memory-safe") {
            loggedAmount := mload(add(data, 0x80)) // index, tokenId, toIndex, amount, ...
        }
        assertEq(loggedAmount, received);
    }

    function test_escapeModeClosesTheQueue() public {
        depositETH(alice, 1);
        vm.warp(T0 + ESCAPE + 1);
        escape().activateEscapeMode();
        vm.prank(alice);
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.depositETH{value: 1 ether}(1, 0, 0, 0);
        vm.prank(alice);
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.forcedWithdraw{value: 1 ether}(1, 1);
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.listToken(address(mock));
    }
}
