// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RollupFixture} from "./RollupFixture.sol";
import {Exits} from "../../../src/rollup/Exits.sol";
import {Batches} from "../../../src/rollup/Batches.sol";
import {RollupBase} from "../../../src/rollup/RollupBase.sol";
import {L1Queue} from "../../../src/rollup/L1Queue.sol";
import {TestToken} from "../../../src/testing/TestToken.sol";
import {ChunkClaim} from "../../../src/rollup/RollupTypes.sol";

/// A contract that refuses ETH (a payout to it is deferred, not lost).
contract RefusesEth {
    receive() external payable {
        revert("no");
    }

    function withdrawOwed(address rollup, uint256 tokenId, address to) external {
        RollupBase(rollup).withdrawOwed(tokenId, to);
    }
}

/// Exit claims: Merkle proofs against finalized exit roots, once, to the named recipient.
contract RollupExitsTest is RollupFixture {
    uint256[] internal leaves;

    /// Deposits 10 ether from alice and finalizes a chunk whose exit tree pays alice 3 ether at
    /// position 1 and bob 2 ether at position 4 (queue slot 1 and L2 slot 2).
    function settleWithExits() internal returns (uint256 batch) {
        setBlob("exits");
        depositETH(alice, 10 ether);
        delete leaves;
        for (uint256 i; i < 8; ++i) leaves.push(0);
        leaves[1] = exitLeaf(alice, 0, 3 ether);
        leaves[4] = exitLeaf(bob, 0, 2 ether);
        batch = settle(one(claim(101, 1, denseRoot(leaves, EXIT_DEPTH))));
    }

    function test_claimPaysTheRecipientOnce() public {
        uint256 b = settleWithExits();
        uint256[] memory proof = denseProof(leaves, EXIT_DEPTH, 4);
        uint256 before = bob.balance;
        vm.prank(alice); // anyone may send the claim
        rollup.claimExit(b, 0, 4, bob, 0, 2 ether, proof, txListOf(b, 0));
        assertEq(bob.balance, before + 2 ether);
        assertTrue(rollup.isExitClaimed(b, 0, 4));
        assertFalse(rollup.isExitClaimed(b, 0, 1));
        assertEq(rollup.custody(0), 8 ether);
        vm.expectRevert(abi.encodeWithSelector(Exits.ExitAlreadyClaimed.selector, b, 0, 4));
        rollup.claimExit(b, 0, 4, bob, 0, 2 ether, proof, txListOf(b, 0));
        rollup.claimExit(b, 0, 1, alice, 0, 3 ether, denseProof(leaves, EXIT_DEPTH, 1), txListOf(b, 0));
        assertEq(rollup.custody(0), 5 ether);
    }

    /// Any change to the leaf, the position or the proof fails.
    function testFuzz_forgedClaimFails(uint256 what, uint256 delta) public {
        uint256 b = settleWithExits();
        delta = bound(delta, 1, 1 ether);
        what = bound(what, 0, 4);
        uint256[] memory proof = denseProof(leaves, EXIT_DEPTH, 4);
        address recipient = bob;
        uint256 amount = 2 ether;
        uint256 position = 4;
        uint256 tokenId = 0;
        if (what == 0) amount += delta;
        else if (what == 1) recipient = alice;
        else if (what == 2) position = (4 + delta) % 6 == 4 ? 5 : (4 + delta) % 6;
        else if (what == 3) proof[delta % EXIT_DEPTH] ^= 1;
        else {
            TestToken token = new TestToken("T", "T");
            rollup.listToken(address(token));
            tokenId = 1;
        }
        vm.expectRevert(Exits.InvalidExitProof.selector);
        rollup.claimExit(b, 0, position, recipient, tokenId, amount, proof, txListOf(b, 0));
    }

    function test_onlyFinalizedChunks() public {
        setBlob("x");
        depositETH(alice, 10 ether);
        uint256[] memory ls = new uint256[](8);
        ls[0] = exitLeaf(alice, 0, 1 ether);
        (uint256 b, uint256[11][] memory p) = commit(one(claim(101, 1, denseRoot(ls, EXIT_DEPTH))));
        uint256[] memory proof = denseProof(ls, EXIT_DEPTH, 0);
        vm.expectRevert(abi.encodeWithSelector(Exits.BatchNotFinalized.selector, b));
        rollup.claimExit(b, 0, 0, alice, 0, 1 ether, proof, txListOf(b, 0));
        proveAll(b, p);
        vm.expectRevert(abi.encodeWithSelector(Exits.BatchNotFinalized.selector, b));
        rollup.claimExit(b, 0, 0, alice, 0, 1 ether, proof, txListOf(b, 0)); // proven is not enough
        rollup.finalize(b);
        vm.expectRevert(abi.encodeWithSelector(Batches.UnknownChunk.selector, b, 1));
        rollup.claimExit(b, 1, 0, alice, 0, 1 ether, proof, txListOf(b, 1));
        vm.expectRevert(abi.encodeWithSelector(Exits.ExitPositionOutOfRange.selector, 6));
        rollup.claimExit(b, 0, 6, alice, 0, 1 ether, proof, txListOf(b, 0));
        vm.expectRevert(abi.encodeWithSelector(Exits.WrongProofLength.selector, 2, 3));
        rollup.claimExit(b, 0, 0, alice, 0, 1 ether, new uint256[](2), txListOf(b, 0));
        vm.expectRevert(abi.encodeWithSelector(Exits.BatchNotFinalized.selector, 0));
        rollup.claimExit(0, 0, 0, alice, 0, 1 ether, proof, txListOf(0, 0));
        rollup.claimExit(b, 0, 0, alice, 0, 1 ether, proof, txListOf(b, 0));
    }

    /// Exits can never pay more than the users' custody of that token: not the sequencer's
    /// bond, not queue fees (a guard against a circuit bug minting money).
    function test_exitsCannotTouchBondOrFees() public {
        setBlob("x");
        depositETH(alice, 1 ether);
        uint256[] memory ls = new uint256[](8);
        ls[0] = exitLeaf(alice, 0, 1 ether + 1);
        uint256 b = settle(one(claim(101, 1, denseRoot(ls, EXIT_DEPTH))));
        assertGt(address(rollup).balance, 1 ether + 1);
        uint256[] memory proof = denseProof(ls, EXIT_DEPTH, 0);
        vm.expectRevert(abi.encodeWithSelector(RollupBase.InsufficientCustody.selector, 0, 1 ether, 1 ether + 1));
        rollup.claimExit(b, 0, 0, alice, 0, 1 ether + 1, proof, txListOf(b, 0));
    }

    /// A recipient that refuses the payout keeps it: owed, withdrawable to another address.
    function test_refusedPayoutIsOwed() public {
        RefusesEth r = new RefusesEth();
        setBlob("x");
        depositETH(alice, 1 ether);
        uint256[] memory ls = new uint256[](8);
        ls[2] = exitLeaf(address(r), 0, 1 ether);
        uint256 b = settle(one(claim(101, 1, denseRoot(ls, EXIT_DEPTH))));
        rollup.claimExit(b, 0, 2, address(r), 0, 1 ether, denseProof(ls, EXIT_DEPTH, 2), txListOf(b, 0));
        assertEq(rollup.owed(address(r), 0), 1 ether);
        assertEq(rollup.custody(0), 0);
        vm.expectRevert(abi.encodeWithSelector(RollupBase.NothingOwed.selector, bob, 0));
        vm.prank(bob);
        rollup.withdrawOwed(0, bob);
        uint256 before = bob.balance;
        r.withdrawOwed(address(rollup), 0, bob);
        assertEq(bob.balance, before + 1 ether);
        assertEq(rollup.owed(address(r), 0), 0);
    }

    function test_tokenExitAndBlockedRecipient() public {
        TestToken token = new TestToken("T", "T");
        rollup.listToken(address(token));
        token.mint(alice, 100);
        vm.startPrank(alice);
        token.approve(address(rollup), 100);
        rollup.depositToken{value: FEE}(1, 100, 0, 0, 0);
        vm.stopPrank();
        uint256[] memory ls = new uint256[](8);
        ls[0] = exitLeaf(bob, 1, 60);
        ls[1] = exitLeaf(alice, 1, 40);
        setBlob("x");
        uint256 b = settle(one(claim(101, 1, denseRoot(ls, EXIT_DEPTH))));
        rollup.claimExit(b, 0, 1, alice, 1, 40, denseProof(ls, EXIT_DEPTH, 1), txListOf(b, 0));
        assertEq(token.balanceOf(alice), 40);
        token.setBlocked(bob, true);
        rollup.claimExit(b, 0, 0, bob, 1, 60, denseProof(ls, EXIT_DEPTH, 0), txListOf(b, 0));
        assertEq(rollup.owed(bob, 1), 60);
        vm.prank(bob);
        rollup.withdrawOwed(1, alice);
        assertEq(token.balanceOf(alice), 100);
        assertEq(rollup.custody(1), 0);
    }

    function test_claimInEscapeMode() public {
        uint256 b = settleWithExits();
        forcedWithdraw(alice, 1, 1);
        vm.warp(block.timestamp + ESCAPE + 1);
        escape().activateEscapeMode();
        rollup.claimExit(b, 0, 4, bob, 0, 2 ether, denseProof(leaves, EXIT_DEPTH, 4), txListOf(b, 0));
    }
}
