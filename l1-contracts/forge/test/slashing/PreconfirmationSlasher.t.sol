// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RollupFixture} from "../rollup/RollupFixture.sol";
import {ChunkClaim} from "../../../src/rollup/RollupTypes.sol";
import {SequencerRole} from "../../../src/rollup/SequencerRole.sol";
import {PreconfirmationSlasher} from "../../../src/slashing/PreconfirmationSlasher.sol";

/**
 * @title PreconfirmationSlasherTest
 * @notice The slasher against a rollup of the fixture: a group of three preconfirmations
 * (sequences 1-3) signed by the sequencer's key, batches whose chunk transaction lists hold
 * them or not, and each way a claim must be refused.
 */
contract PreconfirmationSlasherTest is RollupFixture {
    uint256 internal constant TX_DEPTH = 2; // ceil(log2(NTX))
    uint64 internal constant DEADLINE = uint64(T0 + 1 hours);

    PreconfirmationSlasher internal slasher;
    uint256 internal seqKey;
    address internal reporter;
    bytes32[3] internal txs;

    function setUp() public override {
        super.setUp();
        seqKey = uint256(keccak256(bytes("sequencer")));
        assertEq(vm.addr(seqKey), seq);
        slasher = PreconfirmationSlasher(rollup.slasher());
        reporter = makeAddr("reporter");
        for (uint256 i; i < 3; ++i) txs[i] = bytes32(uint256(keccak256(abi.encode("tx", i))) % FIELD_MODULUS_);
    }

    uint256 internal constant FIELD_MODULUS_ =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    // ------------------------------------------------------------------ (a) another transaction at the number

    function test_reorderedIsSlashedOnceAndPaysTheReporter() public {
        // The chunk swaps sequences 2 and 3.
        uint256[] memory leaves = txLeaves(1, [uint256(txs[0]), uint256(txs[2]), uint256(txs[1])]);
        settle(one(txClaim(1, 3, leaves)));
        PreconfirmationSlasher.SignedPreconfirmation memory p = signed(seqKey, 2, block.chainid, address(rollup));
        PreconfirmationSlasher.TxListOpening memory o = opening(1, 1, 3, leaves, 1, uint256(txs[2]));

        uint256 bondBefore = rollup.bondOf(seq);
        vm.prank(reporter);
        uint256 g = gasleft();
        uint256 amount = slasher.slashReordered(p, o);
        emit log_named_uint("slashReordered gas (group of 3, nTx 4)", g - gasleft());
        assertEq(amount, MIN_BOND);
        assertEq(rollup.bondOf(seq), bondBefore - MIN_BOND);
        assertEq(rollup.owed(reporter, 0), MIN_BOND / 2);
        assertTrue(slasher.slashed(2));

        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.AlreadySlashed.selector, uint256(2)));
        vm.prank(reporter);
        slasher.slashReordered(p, o);
        // the reporter's half is withdrawable
        uint256 balance = reporter.balance;
        vm.prank(reporter);
        rollup.withdrawOwed(0, reporter);
        assertEq(reporter.balance, balance + MIN_BOND / 2);
    }

    function test_honestBatchIsNotSlashable() public {
        uint256[] memory leaves = txLeaves(1, [uint256(txs[0]), uint256(txs[1]), uint256(txs[2])]);
        (uint256 batch, uint256[11][] memory pis) = commit(one(txClaim(1, 3, leaves)));
        proveAll(batch, pis);
        rollup.finalize(batch);
        uint256 root = denseRoot(leaves, TX_DEPTH);
        for (uint64 s = 1; s <= 3; ++s) {
            PreconfirmationSlasher.SignedPreconfirmation memory p = signed(seqKey, s, block.chainid, address(rollup));
            // the transaction the chunk holds at that number is the promised one
            PreconfirmationSlasher.TxListOpening memory o = opening(1, 1, 3, leaves, s - 1, uint256(txs[s - 1]));
            vm.expectRevert(PreconfirmationSlasher.SameTransaction.selector);
            slasher.slashReordered(p, o);
            // any other transaction fails the list's proof
            o.txHash = uint256(txs[s % 3]);
            vm.expectRevert(PreconfirmationSlasher.TxListMismatch.selector);
            slasher.slashReordered(p, o);
            // nor with another exit root than the chunk's
            o.txHash = uint256(txs[s % 3]);
            o.exitRoot = 1;
            vm.expectRevert(PreconfirmationSlasher.TxListMismatch.selector);
            slasher.slashReordered(p, o);
            // and past the deadline the number is committed (the proven chunk, opened by its inputs)
            vm.warp(DEADLINE + 1);
            vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.SequenceCommitted.selector, uint256(4)));
            slasher.slashMissed(p, 1, 3, root, dynamic(pis[0]));
        }
        assertEq(rollup.bondOf(seq), MIN_BOND);
    }

    function test_reorderedNeedsAFinalizedBatchOfTheSigner() public {
        uint256[] memory leaves = txLeaves(1, [uint256(txs[0]), uint256(txs[2]), uint256(txs[1])]);
        (uint256 batch, uint256[11][] memory pis) = commit(one(txClaim(1, 3, leaves)));
        PreconfirmationSlasher.SignedPreconfirmation memory p = signed(seqKey, 2, block.chainid, address(rollup));
        PreconfirmationSlasher.TxListOpening memory o = opening(batch, 1, 3, leaves, 1, uint256(txs[2]));
        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.BatchNotFinalized.selector, batch));
        slasher.slashReordered(p, o);
        proveAll(batch, pis);
        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.BatchNotFinalized.selector, batch));
        slasher.slashReordered(p, o);
        rollup.finalize(batch);
        o.chunk = 1;
        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.UnknownChunk.selector, batch, uint256(1)));
        slasher.slashReordered(p, o);
        o.chunk = 0;
        // a promise signed by another key is not the committer's
        uint256 otherKey = uint256(keccak256("other"));
        p = signed(otherKey, 2, block.chainid, address(rollup));
        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.WrongSigner.selector, vm.addr(otherKey), seq));
        slasher.slashReordered(p, o);
    }

    // ------------------------------------------------------------------ (b) deadline passed, not committed

    function test_missedWithNothingCommittedIsSlashedAfterTheDeadline() public {
        PreconfirmationSlasher.SignedPreconfirmation memory p = signed(seqKey, 1, block.chainid, address(rollup));
        vm.warp(DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.DeadlineNotPassed.selector, uint256(DEADLINE)));
        slasher.slashMissed(p, 0, 0, 0, new uint256[](0));
        vm.warp(DEADLINE + 1);
        vm.prank(reporter);
        uint256 g = gasleft();
        slasher.slashMissed(p, 0, 0, 0, new uint256[](0));
        emit log_named_uint("slashMissed gas (nothing committed)", g - gasleft());
        assertEq(rollup.bondOf(seq), 0);
        assertEq(rollup.owed(reporter, 0), MIN_BOND / 2);
    }

    function test_missedAgainstTheLastCommittedChunk() public {
        // The last committed chunk holds sequence 1 only: 2 is missing.
        uint256[] memory leaves = txLeaves(1, [uint256(txs[0]), 0, 0]);
        (, uint256[11][] memory pis) = commit(one(txClaim(1, 1, leaves))); // pending: opened by its inputs' hash
        uint256[] memory inputs = dynamic(pis[0]);
        uint256 root = denseRoot(leaves, TX_DEPTH);
        vm.warp(DEADLINE + 1);
        PreconfirmationSlasher.SignedPreconfirmation memory p1 = signed(seqKey, 1, block.chainid, address(rollup));
        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.SequenceCommitted.selector, uint256(2)));
        slasher.slashMissed(p1, 1, 1, root, inputs);
        PreconfirmationSlasher.SignedPreconfirmation memory p2 = signed(seqKey, 2, block.chainid, address(rollup));
        vm.expectRevert(PreconfirmationSlasher.TxListMismatch.selector);
        slasher.slashMissed(p2, 1, 0, root, inputs); // a made-up preimage
        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.BadProofLength.selector, uint256(0), uint256(11)));
        slasher.slashMissed(p2, 1, 1, root, new uint256[](0));
        for (uint256 i; i < 11; ++i) {
            // any input changed no longer opens the chunk (for the proven form: inputs 4 and 5)
            inputs[i] += 1;
            vm.expectRevert(PreconfirmationSlasher.TxListMismatch.selector);
            slasher.slashMissed(p2, 1, 1, root, inputs);
            inputs[i] -= 1;
        }
        vm.prank(reporter);
        uint256 g = gasleft();
        slasher.slashMissed(p2, 1, 1, root, inputs);
        emit log_named_uint("slashMissed gas (against the last chunk, pending)", g - gasleft());
        assertEq(rollup.bondOf(seq), 0);
        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.AlreadySlashed.selector, uint256(2)));
        slasher.slashMissed(p2, 1, 1, root, inputs);
    }

    // ------------------------------------------------------------------ signatures

    function test_forgedOrWrongChainPromisesAreRefused() public {
        vm.warp(DEADLINE + 1);
        uint256 otherKey = uint256(keccak256("forger"));
        PreconfirmationSlasher.SignedPreconfirmation memory p = signed(otherKey, 1, block.chainid, address(rollup));
        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.WrongSigner.selector, vm.addr(otherKey), seq));
        slasher.slashMissed(p, 0, 0, 0, new uint256[](0));

        // the sequencer's key over another chain's domain, or another rollup's
        p = signed(seqKey, 1, block.chainid + 1, address(rollup));
        assertTrue(slasher.signerOf(p) != seq);
        vm.expectRevert();
        slasher.slashMissed(p, 0, 0, 0, new uint256[](0));
        p = signed(seqKey, 1, block.chainid, address(0xBEEF));
        assertTrue(slasher.signerOf(p) != seq);

        // a genuine signature with the leaf changed (another transaction slipped in)
        p = signed(seqKey, 1, block.chainid, address(rollup));
        assertEq(slasher.signerOf(p), seq);
        p.txHash = bytes32(uint256(p.txHash) + 1);
        assertTrue(slasher.signerOf(p) != seq);
        p.txHash = bytes32(uint256(p.txHash) - 1);

        // the same signature in its high-s form, a bad v, a short signature, a proof too short
        PreconfirmationSlasher.SignedPreconfirmation memory q = signed(seqKey, 1, block.chainid, address(rollup));
        (bytes32 r, bytes32 s, uint8 v) = split(q.signature);
        q.signature = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(PreconfirmationSlasher.BadSignature.selector);
        slasher.signerOf(q);
        q.signature = abi.encodePacked(r, s, uint8(29));
        vm.expectRevert(PreconfirmationSlasher.BadSignature.selector);
        slasher.signerOf(q);
        q.signature = abi.encodePacked(r, s);
        vm.expectRevert(PreconfirmationSlasher.BadSignature.selector);
        slasher.signerOf(q);
        q = signed(seqKey, 1, block.chainid, address(rollup));
        q.proof = new bytes32[](1);
        vm.expectRevert(abi.encodeWithSelector(PreconfirmationSlasher.BadProofLength.selector, uint256(1), uint256(2)));
        slasher.signerOf(q);
        q = signed(seqKey, 1, block.chainid, address(rollup));
        q.sequence = 4; // outside the group 1..3
        vm.expectRevert(PreconfirmationSlasher.BadGroup.selector);
        slasher.signerOf(q);

        // and the genuine one slashes
        slasher.slashMissed(p, 0, 0, 0, new uint256[](0));
        assertEq(rollup.bondOf(seq), 0);
    }

    function test_equivocationIsSlashed() public {
        PreconfirmationSlasher.SignedPreconfirmation memory p = signed(seqKey, 2, block.chainid, address(rollup));
        vm.expectRevert(PreconfirmationSlasher.SameTransaction.selector);
        slasher.slashEquivocation(p, p);
        // a second group that puts another transaction at number 2
        bytes32 saved = txs[1];
        txs[1] = bytes32(uint256(saved) + 1);
        PreconfirmationSlasher.SignedPreconfirmation memory q = signed(seqKey, 2, block.chainid, address(rollup));
        txs[1] = saved;
        vm.prank(reporter);
        slasher.slashEquivocation(p, q);
        assertEq(rollup.owed(reporter, 0), MIN_BOND / 2);
    }

    // ------------------------------------------------------------------ the rollup's hook

    function test_onlyTheSlasherSlashesAndAPendingWithdrawalShrinks() public {
        vm.expectRevert(SequencerRole.NotSlasher.selector);
        rollup.slashBond(seq, 1, alice);
        vm.prank(seq);
        rollup.depositBond{value: MIN_BOND}();
        vm.prank(seq);
        rollup.requestBondWithdrawal(2 * MIN_BOND);
        vm.prank(address(slasher));
        rollup.slashBond(seq, MIN_BOND + 1, alice);
        assertEq(rollup.bondOf(seq), MIN_BOND - 1);
        assertEq(rollup.bondRequested(seq), MIN_BOND - 1);
        assertEq(rollup.availableBond(seq), 0);
        assertEq(rollup.owed(alice, 0), (MIN_BOND + 1) / 2);
        // more than the bond takes the bond
        vm.prank(address(slasher));
        rollup.slashBond(seq, 100 ether, alice);
        assertEq(rollup.bondOf(seq), 0);
        assertEq(rollup.bondRequested(seq), 0);
    }

    function test_rollupKeepsAMarginUnderEip170AndFoldsTxLists() public {
        emit log_named_uint("CounterweightRollup runtime bytes", address(rollup).code.length);
        emit log_named_uint("EscapeHatch runtime bytes", rollup.escapeHatch().code.length);
        emit log_named_uint("PreconfirmationSlasher runtime bytes", address(slasher).code.length);
        assertLe(address(rollup).code.length, 24_576 - 2_048);
        assertLe(rollup.escapeHatch().code.length, 24_576);
        assertEq(address(slasher.rollup()), address(rollup));
        ChunkClaim memory c = txClaim(1, 0, new uint256[](4));
        c.exitRoot = 12345;
        (uint256 batch, uint256[11][] memory pis) = commit(one(c));
        (bool proven, uint256 value) = rollup.chunkState(batch, 0);
        assertFalse(proven);
        assertEq(value, uint256(keccak256(abi.encode(pis[0]))) & ~uint256(1 << 255));
        proveAll(batch, pis);
        (proven, value) = rollup.chunkState(batch, 0);
        assertTrue(proven);
        assertEq(value, uint256(keccak256(abi.encode(c.exitRoot, c.txListCommitment))) & ~uint256(1 << 255));
    }

    // ------------------------------------------------------------------ helpers

    uint256 internal constant SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141;

    /// Transaction-list leaves of a chunk: `Poseidon(seq, hash)` in slots 0-2 from `firstSeq`
    /// (a zero hash leaves its slot empty), slot 3 empty.
    function txLeaves(uint256 firstSeq, uint256[3] memory hashes) internal view returns (uint256[] memory leaves) {
        leaves = new uint256[](4);
        for (uint256 i; i < 3; ++i) if (hashes[i] != 0) leaves[i] = t3.hash2(firstSeq + i, hashes[i]);
    }

    function txClaim(uint256 firstSeq, uint256 txCount, uint256[] memory leaves) internal view returns (ChunkClaim memory c) {
        (, uint256 committedQueue,, uint256 committed,) = heads();
        c = claim(uint256(keccak256(abi.encode("root", committed))) % FIELD_MODULUS_, committedQueue, 0);
        c.txListCommitment = t4.hash3(firstSeq, txCount, denseRoot(leaves, TX_DEPTH));
    }

    function opening(uint256 batch, uint256 firstSeq, uint256 txCount, uint256[] memory leaves, uint256 slot, uint256 txHash)
        internal
        view
        returns (PreconfirmationSlasher.TxListOpening memory o)
    {
        o.batch = batch;
        o.chunk = 0;
        o.firstSeq = firstSeq;
        o.txCount = txCount;
        o.root = denseRoot(leaves, TX_DEPTH);
        o.slot = slot;
        o.txHash = txHash;
        o.siblings = denseProof(leaves, TX_DEPTH, slot);
        o.exitRoot = 0; // txClaim's
    }

    function dynamic(uint256[11] memory pi) internal pure returns (uint256[] memory out) {
        out = new uint256[](11);
        for (uint256 i; i < 11; ++i) out[i] = pi[i];
    }

    /// The promise of `sequence` (1..3) out of the group of `txs`, signed with `key` in the
    /// domain of (`chainId`, `verifyingContract`).
    function signed(uint256 key, uint64 sequence, uint256 chainId, address verifyingContract)
        internal
        view
        returns (PreconfirmationSlasher.SignedPreconfirmation memory p)
    {
        bytes32[4] memory level;
        for (uint256 i; i < 3; ++i) {
            level[i] = keccak256(abi.encode(slasher.LEAF_TYPEHASH(), uint64(i + 1), txs[i], DEADLINE));
        }
        bytes32 n01 = keccak256(abi.encodePacked(level[0], level[1]));
        bytes32 n23 = keccak256(abi.encodePacked(level[2], level[3]));
        bytes32 root = keccak256(abi.encodePacked(n01, n23));
        uint256 index = sequence - 1;
        p.sequence = sequence;
        p.txHash = index < 3 ? txs[index] : bytes32(0);
        p.l1Deadline = DEADLINE;
        p.firstSequence = 1;
        p.count = 3;
        p.proof = new bytes32[](2);
        if (index < 4) {
            p.proof[0] = level[index ^ 1];
            p.proof[1] = index < 2 ? n23 : n01;
        }
        p.signature = signGroup(key, root, chainId, verifyingContract);
    }

    function signGroup(uint256 key, bytes32 root, uint256 chainId, address verifyingContract)
        internal
        view
        returns (bytes memory)
    {
        bytes32 separator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Counterweight"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
        bytes32 digest = keccak256(
            abi.encodePacked("\x19\x01", separator, keccak256(abi.encode(slasher.GROUP_TYPEHASH(), uint64(1), uint64(3), root)))
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function split(bytes memory sig) internal pure returns (bytes32 r, bytes32 s, uint8 v) {
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
    }
}
