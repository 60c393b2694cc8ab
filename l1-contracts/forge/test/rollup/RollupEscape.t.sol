// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RollupFixture} from "./RollupFixture.sol";
import {EscapeHatch} from "../../../src/rollup/EscapeHatch.sol";
import {RollupBase} from "../../../src/rollup/RollupBase.sol";
import {L1Queue} from "../../../src/rollup/L1Queue.sol";
import {AccountLeaf, ChunkClaim, DepositEntry, Groth16Proof} from "../../../src/rollup/RollupTypes.sol";

/// Escape mode: when it may start, that it never ends, account withdrawals against the frozen
/// root and refunds of unconsumed deposits.
contract RollupEscapeTest is RollupFixture {
    // A state whose accounts sit at indices 1..3 (the first four leaves), depth 8.
    AccountLeaf[4] internal accts;
    uint256 internal accountRoot;
    uint256 internal constant NEXT_INDEX = 4;

    function leafHash(AccountLeaf memory a) internal view returns (uint256) {
        if (a.owner == address(0)) return 0;
        return t5.hash4(a.pubKeyX, a.pubKeyY, a.balance, uint256(uint160(a.owner)) | (a.tokenId << 160) | (a.nonce << 192));
    }

    function smallLeaves() internal view returns (uint256[] memory ls) {
        ls = new uint256[](4);
        for (uint256 i; i < 4; ++i) ls[i] = leafHash(accts[i]);
    }

    /// Root of the depth-8 tree whose only non-empty leaves are the first four.
    function smallRoot() internal view returns (uint256 r) {
        r = denseRoot(smallLeaves(), 2);
        uint256 z = t3.hash2(t3.hash2(0, 0), t3.hash2(0, 0));
        for (uint256 d = 2; d < DEPTH; ++d) {
            r = t3.hash2(r, z);
            z = t3.hash2(z, z);
        }
    }

    function smallProof(uint256 index) internal view returns (uint256[] memory sib) {
        uint256[] memory low = denseProof(smallLeaves(), 2, index);
        sib = new uint256[](DEPTH);
        sib[0] = low[0];
        sib[1] = low[1];
        uint256 z = t3.hash2(t3.hash2(0, 0), t3.hash2(0, 0));
        for (uint256 d = 2; d < DEPTH; ++d) {
            sib[d] = z;
            z = t3.hash2(z, z);
        }
    }

    /// alice (index 1, 6 ether) and bob (index 2, 3 ether) deposited; a finalized batch put
    /// them in the state; then alice deposits 2 ether more, which no batch consumes.
    function setUpState() internal {
        setBlob("escape");
        depositETH(alice, 6 ether);
        depositETH(bob, 3 ether);
        accts[1] = AccountLeaf(11, 12, 6 ether, alice, 0, 0);
        accts[2] = AccountLeaf(21, 22, 3 ether, bob, 0, 5);
        accountRoot = smallRoot();
        settle(one(claim(t3.hash2(accountRoot, NEXT_INDEX), 2, 7)));
        vm.warp(T0 + 100);
        depositETH(alice, 2 ether); // position 2, unconsumed
    }

    function escapeNow() internal {
        vm.warp(T0 + 100 + ESCAPE + 1);
        escape().activateEscapeMode();
    }

    // ------------------------------------------------------------------ the delegated contract

    /// The escape code runs only on the rollup's storage: called directly, it refuses; the
    /// rollup's fallback refuses plain ether and unknown selectors.
    function test_escapeHatchRunsOnlyThroughTheRollup() public {
        setUpState();
        EscapeHatch hatch = EscapeHatch(rollup.escapeHatch());
        assertTrue(address(hatch).code.length > 0);
        vm.warp(T0 + 100 + ESCAPE + 1);
        vm.expectRevert(EscapeHatch.NotDelegated.selector);
        hatch.activateEscapeMode();
        vm.expectRevert(EscapeHatch.NotDelegated.selector);
        hatch.escapeMode();
        escape().activateEscapeMode();
        assertTrue(escape().escapeMode());
        uint256[] memory proof = smallProof(1);
        vm.expectRevert(EscapeHatch.NotDelegated.selector);
        hatch.escapeWithdraw(1, accts[1], accountRoot, NEXT_INDEX, proof);
        escape().escapeWithdraw(1, accts[1], accountRoot, NEXT_INDEX, proof);
        assertTrue(escape().isAccountWithdrawn(1));
        vm.expectRevert(EscapeHatch.NotDelegated.selector);
        hatch.isAccountWithdrawn(1);

        (bool ok,) = address(rollup).call{value: 1 ether}("");
        assertFalse(ok, "plain ether refused");
        (ok,) = address(rollup).call(abi.encodeWithSignature("noSuchFunction()"));
        assertFalse(ok, "unknown selector refused");
    }

    // ------------------------------------------------------------------ activation

    function test_cannotStartWithoutAnOverdueEntry() public {
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.EscapeNotAvailable.selector, 0, type(uint256).max));
        escape().activateEscapeMode();
        vm.warp(T0 + 365 days);
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.EscapeNotAvailable.selector, 0, type(uint256).max));
        escape().activateEscapeMode();
    }

    /// Escape mode cannot start before the oldest entry not consumed by a finalized batch has
    /// waited longer than ESCAPE_DELAY, whatever happens in between.
    function testFuzz_cannotStartEarly(uint256 wait, bool committed) public {
        wait = bound(wait, 0, ESCAPE);
        setBlob("e");
        depositETH(alice, 1);
        if (committed) commit(one(claim(101, 1, 7))); // committed but not finalized: still counts
        vm.warp(T0 + wait);
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.EscapeNotAvailable.selector, 0, T0 + ESCAPE + 1));
        escape().activateEscapeMode();
        vm.warp(T0 + ESCAPE + 1);
        escape().activateEscapeMode();
        assertTrue(escape().escapeMode());
    }

    function test_finalizedEntriesDoNotCount() public {
        setBlob("e");
        depositETH(alice, 1);
        settle(one(claim(101, 1, 7)));
        vm.warp(T0 + ESCAPE + 1000);
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.EscapeNotAvailable.selector, 1, type(uint256).max));
        escape().activateEscapeMode();
    }

    /// There is no way out: every state-changing path that could resume the rollup refuses.
    function test_cannotBeLeft() public {
        setUpState();
        escapeNow();
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        escape().activateEscapeMode();
        setBlob("late");
        vm.prank(seq);
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.commitBatch(one(claim(5, 3, 7)), opening(one(claim(5, 3, 7))));
        vm.prank(seq);
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.commitAndProve(one(claim(5, 3, 7)), opening(one(claim(5, 3, 7))), new Groth16Proof[](1));
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.revertExpiredBatches(1);
        uint256[11] memory pi;
        Groth16Proof memory proof = fakeProof(pi);
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.prove(2, 0, pi, proof);
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.finalize(2);
        vm.prank(alice);
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.forcedWithdraw{value: 1 ether}(1, 1);
        (,,,,, bool escaping) = rollup.heads();
        assertTrue(escaping);
        vm.warp(block.timestamp + 3650 days);
        assertTrue(escape().escapeMode());
    }

    // ------------------------------------------------------------------ withdrawals

    function test_ownersWithdrawOnceAgainstTheFrozenRoot() public {
        setUpState();
        escapeNow();
        uint256 before = alice.balance;
        vm.prank(bob); // anyone may send it; alice is paid
        escape().escapeWithdraw(1, accts[1], accountRoot, NEXT_INDEX, smallProof(1));
        assertEq(alice.balance, before + 6 ether);
        assertTrue(escape().isAccountWithdrawn(1));
        uint256[] memory proof = smallProof(1);
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.AccountAlreadyWithdrawn.selector, 1));
        escape().escapeWithdraw(1, accts[1], accountRoot, NEXT_INDEX, proof);
        escape().escapeWithdraw(2, accts[2], accountRoot, NEXT_INDEX, smallProof(2));
        assertEq(rollup.custody(0), 2 ether, "only the unconsumed deposit is left");
    }

    function test_withdrawRefusesForgedLeaves() public {
        setUpState();
        uint256[] memory proof = smallProof(1);
        vm.expectRevert(EscapeHatch.EscapeModeInactive.selector);
        escape().escapeWithdraw(1, accts[1], accountRoot, NEXT_INDEX, proof);
        escapeNow();
        AccountLeaf memory forged = accts[1];
        forged.balance += 1;
        vm.expectRevert(EscapeHatch.InvalidAccountProof.selector);
        escape().escapeWithdraw(1, forged, accountRoot, NEXT_INDEX, proof);
        forged = accts[1];
        forged.owner = bob;
        vm.expectRevert(EscapeHatch.InvalidAccountProof.selector);
        escape().escapeWithdraw(1, forged, accountRoot, NEXT_INDEX, proof);
        // The owner | tokenId << 160 | nonce << 192 word cannot be re-split: fields are range-checked.
        forged = accts[1];
        forged.tokenId = uint256(1) << 32;
        vm.expectRevert(EscapeHatch.LeafFieldOutOfRange.selector);
        escape().escapeWithdraw(1, forged, accountRoot, NEXT_INDEX, proof);
        // A leaf at another index, or another root, does not pass.
        vm.expectRevert(EscapeHatch.InvalidAccountProof.selector);
        escape().escapeWithdraw(3, accts[1], accountRoot, NEXT_INDEX, proof);
        uint256 wrongRoot = t3.hash2(accountRoot, NEXT_INDEX + 1);
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.StateRootMismatch.selector, wrongRoot, rollup.lastFinalizedStateRoot()));
        escape().escapeWithdraw(1, accts[1], accountRoot, NEXT_INDEX + 1, proof);
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.AccountIndexOutOfRange.selector, 0));
        escape().escapeWithdraw(0, accts[1], accountRoot, NEXT_INDEX, proof);
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.AccountIndexOutOfRange.selector, 256));
        escape().escapeWithdraw(256, accts[1], accountRoot, NEXT_INDEX, proof);
    }

    /// Committed-but-unfinalized state does not count: the frozen root is the finalized one.
    function test_pendingBatchIsIgnored() public {
        setUpState();
        accts[1].balance = 100 ether; // what a pending (unproven) batch would claim
        uint256 fakeRoot = smallRoot();
        commit(one(claim(t3.hash2(fakeRoot, NEXT_INDEX), 3, 7)));
        escapeNow();
        uint256[] memory proof = smallProof(1);
        vm.expectRevert(
            abi.encodeWithSelector(EscapeHatch.StateRootMismatch.selector, t3.hash2(fakeRoot, NEXT_INDEX), rollup.lastFinalizedStateRoot())
        );
        escape().escapeWithdraw(1, accts[1], fakeRoot, NEXT_INDEX, proof);
        // ...and the deposit that pending batch consumed is refunded.
        escape().escapeRefundDeposit(2, DepositEntry(alice, 0, 0, 2 ether, 0, 0));
        assertTrue(escape().isDepositRefunded(2));
    }

    // ------------------------------------------------------------------ refunds

    function test_unconsumedDepositRefundedOnce() public {
        setUpState();
        DepositEntry memory d = DepositEntry(alice, 0, 0, 2 ether, 0, 0);
        vm.expectRevert(EscapeHatch.EscapeModeInactive.selector);
        escape().escapeRefundDeposit(2, d);
        escapeNow();
        uint256 before = alice.balance;
        vm.prank(bob);
        escape().escapeRefundDeposit(2, d);
        assertEq(alice.balance, before + 2 ether);
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.DepositAlreadyRefunded.selector, 2));
        escape().escapeRefundDeposit(2, d);
        // Consumed by a finalized batch: its money is in the state, not refundable.
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.EntryAlreadyConsumed.selector, 0));
        escape().escapeRefundDeposit(0, DepositEntry(alice, 0, 0, 6 ether, 0, 0));
    }

    function testFuzz_refundRequiresTheExactEntry(uint256 which, uint256 delta) public {
        setUpState();
        escapeNow();
        which = bound(which, 0, 5);
        delta = bound(delta, 1, 1 << 20);
        DepositEntry memory d = DepositEntry(alice, 0, 0, 2 ether, 0, 0);
        if (which == 0) d.sender = bob;
        else if (which == 1) d.toIndex += delta;
        else if (which == 2) d.tokenId += delta;
        else if (which == 3) d.amount += delta;
        else if (which == 4) d.pubKeyX += delta;
        else d.pubKeyY += delta;
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.EntryMismatch.selector, 2));
        escape().escapeRefundDeposit(2, d);
    }

    /// An index that spills into the token id bits of the packed header is refused.
    function test_refundRejectsPackedAliases() public {
        setUpState();
        escapeNow();
        // toIndex = 2^32 packs like tokenId + 1 with toIndex 0.
        vm.expectRevert(abi.encodeWithSelector(EscapeHatch.EntryMismatch.selector, 2));
        escape().escapeRefundDeposit(2, DepositEntry(alice, uint256(1) << 32, 0, 2 ether, 0, 0));
        vm.expectRevert(abi.encodeWithSelector(L1Queue.IndexOutOfRange.selector, 3));
        escape().escapeRefundDeposit(3, DepositEntry(alice, 0, 0, 2 ether, 0, 0));
    }
}
