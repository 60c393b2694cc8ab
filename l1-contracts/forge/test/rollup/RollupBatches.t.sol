// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RollupFixture} from "./RollupFixture.sol";
import {Batches} from "../../../src/rollup/Batches.sol";
import {SequencerRole} from "../../../src/rollup/SequencerRole.sol";
import {RollupBase} from "../../../src/rollup/RollupBase.sol";
import {
    BLS_MODULUS, BlobOpening, ChunkClaim, Groth16Proof, FIELD_MODULUS, RollupConfig
} from "../../../src/rollup/RollupTypes.sol";
import {BlobEquivalence} from "../../../src/rollup/lib/BlobEquivalence.sol";
import {FakeBlob} from "../../FakeBlob.sol";
import {CounterweightRollup} from "../../../src/rollup/CounterweightRollup.sol";

/// Commit, prove, finalize and revert: ordering, binding of the public inputs, the blob
/// equivalence check, forced inclusion, permissionless commit-and-prove, proof deadlines.
contract RollupBatchesTest is RollupFixture {
    // ------------------------------------------------------------------ genesis and commit

    function test_genesisRootAndDomain() public view {
        uint256 z;
        for (uint256 k; k < DEPTH; ++k) z = t3.hash2(z, z);
        assertEq(rollup.genesisStateRoot(), t3.hash2(z, 1), "genesis = H(emptyRoot(depth), 1)");
        assertEq(rollup.lastFinalizedStateRoot(), rollup.genesisStateRoot());
        assertEq(rollup.domain(), t4.hash3(0x63772d74782d7631, block.chainid, uint160(address(rollup))), "domain");
        assertEq(rollup.chunkElements(), 2, "TEST_PARAMS chunk elements");
        assertEq(rollup.maxChunksPerBatch(), 2047, "chunks per blob");
        assertEq(rollup.exitDepth(), EXIT_DEPTH);
    }

    function test_commitRecordsBlobAndChunks() public {
        setBlob("blob");
        depositETH(alice, 1 ether);
        depositETH(bob, 2 ether);
        ChunkClaim[] memory cs = new ChunkClaim[](2);
        cs[0] = claim(11, 1, 21);
        cs[1] = claim(12, 2, 22);
        (uint256 batch, uint256[11][] memory pis) = commit(cs);
        assertEq(batch, 1);
        (, uint256 root, bytes32 dataHash) = rollup.batchInfo(1);
        assertEq(root, 12);
        assertEq(dataHash, bytes32((uint256(1) >> 8) | (uint256(1) << 248)), "blobhash(0)");
        assertEq(rollup.lastCommittedStateRoot(), 12);
        (bool proven, uint256 h) = rollup.chunkState(1, 1);
        assertFalse(proven);
        assertEq(h, uint256(keccak256(abi.encode(pis[1]))) & ~(uint256(1) << 255), "stored hash of the inputs");
        assertEq(pis[1][0], 11, "chunk 1 starts at chunk 0's root");
        assertEq(pis[1][2], rollup.queueHashAt(1));
        assertEq(pis[1][3], rollup.queueHashAt(2));
    }

    function test_commitNeedsSequencerBondAndBlob() public {
        setBlob("blob");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.NotSequencer.selector, alice));
        rollup.commitBatch(one(claim(1, 0, 2)), opening(one(claim(1, 0, 2))));

        noBlob();
        vm.prank(seq);
        vm.expectRevert(Batches.NoBlob.selector);
        rollup.commitBatch(one(claim(1, 0, 2)), opening(one(claim(1, 0, 2))));

        bytes32[] memory two = new bytes32[](2);
        two[0] = bytes32(uint256(1) << 248);
        two[1] = bytes32(uint256(2) | (uint256(1) << 248));
        vm.blobhashes(two);
        vm.prank(seq);
        vm.expectRevert(Batches.MoreThanOneBlob.selector);
        rollup.commitBatch(one(claim(1, 0, 2)), opening(one(claim(1, 0, 2))));

        setBlob("b");
        vm.prank(seq);
        rollup.requestBondWithdrawal(1);
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.BondTooLow.selector, MIN_BOND - 1, MIN_BOND));
        rollup.commitBatch(one(claim(1, 0, 2)), opening(one(claim(1, 0, 2))));
    }

    function test_commitChecksClaims() public {
        setBlob("blob");
        depositETH(alice, 1);
        depositETH(alice, 1);
        depositETH(alice, 1);
        vm.startPrank(seq);
        vm.expectRevert(abi.encodeWithSelector(Batches.BadChunkCount.selector, 0, 2047));
        rollup.commitBatch(new ChunkClaim[](0), opening(new ChunkClaim[](0)));
        vm.expectRevert(abi.encodeWithSelector(Batches.BadQueueRange.selector, 0, 0, 3));
        rollup.commitBatch(one(claim(1, 3, 2)), opening(one(claim(1, 3, 2)))); // more than nQueue entries in one chunk
        vm.expectRevert(abi.encodeWithSelector(Batches.BadQueueRange.selector, 0, 0, 4));
        rollup.commitBatch(one(claim(1, 4, 2)), opening(one(claim(1, 4, 2))));
        ChunkClaim memory bad = claim(FIELD_MODULUS, 0, 2);
        vm.expectRevert(abi.encodeWithSelector(Batches.ClaimOutOfField.selector, 0));
        rollup.commitBatch(one(bad), opening(one(bad)));
        bad = claim(1, 0, 2);
        bad.dataCommitment = FIELD_MODULUS + 5;
        vm.expectRevert(abi.encodeWithSelector(Batches.ClaimOutOfField.selector, 0));
        rollup.commitBatch(one(bad), opening(one(bad)));
        ChunkClaim[] memory back = new ChunkClaim[](2);
        back[0] = claim(1, 2, 2);
        back[1] = claim(1, 1, 2); // the queue position never goes back
        vm.expectRevert(abi.encodeWithSelector(Batches.BadQueueRange.selector, 1, 2, 1));
        rollup.commitBatch(back, opening(back));
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ prove

    function test_proveFinalizeInOrder() public {
        setBlob("blob");
        (uint256 b1, uint256[11][] memory p1) = commit(one(claim(101, 0, 201)));
        (uint256 b2, uint256[11][] memory p2) = commit(one(claim(102, 0, 202)));
        assertEq(p2[0][0], 101, "batch 2 starts at batch 1's root");

        vm.expectRevert(abi.encodeWithSelector(Batches.ChunkNotProven.selector, b1, 0));
        rollup.finalize(b1);
        rollup.prove(b2, 0, p2[0], fakeProof(p2[0]));
        vm.expectRevert(abi.encodeWithSelector(Batches.BatchNotNext.selector, b2, 1));
        rollup.finalize(b2);

        rollup.prove(b1, 0, p1[0], fakeProof(p1[0]));
        rollup.finalize(b1);
        assertEq(rollup.lastFinalizedStateRoot(), 101);
        vm.expectRevert(abi.encodeWithSelector(Batches.BatchNotNext.selector, b1, 2));
        rollup.finalize(b1);
        rollup.finalize(b2);
        assertEq(rollup.lastFinalizedStateRoot(), 102);
        vm.expectRevert(abi.encodeWithSelector(Batches.BatchNotNext.selector, 3, 3));
        rollup.finalize(3);
        Groth16Proof memory again = fakeProof(p1[0]);
        vm.expectRevert(abi.encodeWithSelector(Batches.BatchNotPending.selector, b1));
        rollup.prove(b1, 0, p1[0], again);
    }

    function test_proofReplayIsKeyedByChunkNotBytes() public {
        setBlob("blob");
        (uint256 b, uint256[11][] memory p) = commit(one(claim(101, 0, 201)));
        Groth16Proof memory proof = fakeProof(p[0]);
        rollup.prove(b, 0, p[0], proof);
        vm.expectRevert(abi.encodeWithSelector(Batches.ChunkAlreadyProven.selector, b, 0));
        rollup.prove(b, 0, p[0], proof);
        vm.expectRevert(abi.encodeWithSelector(Batches.UnknownChunk.selector, b, 1));
        rollup.prove(b, 1, p[0], proof);
    }

    /// Changing any public input, by any amount, fails: either the stored hash or the verifier.
    function testFuzz_changedPublicInputFails(uint256 which, uint256 delta) public {
        setBlob("blob");
        which = bound(which, 0, 7);
        delta = bound(delta, 1, FIELD_MODULUS - 1);
        depositETH(alice, 5);
        (uint256 b, uint256[11][] memory p) = commit(one(claim(101, 1, 201)));
        uint256[11] memory changed = copy(p[0]);
        changed[which] = addmod(changed[which], delta, FIELD_MODULUS);
        // The proof made for the changed inputs (a prover lying about them) hits the stored hash.
        Groth16Proof memory forChanged = fakeProof(changed);
        vm.expectRevert(abi.encodeWithSelector(Batches.PublicInputsMismatch.selector, b, 0));
        rollup.prove(b, 0, changed, forChanged);
        // The honest inputs with that proof: the verifier refuses.
        vm.expectRevert(abi.encodeWithSelector(Batches.InvalidProof.selector, b, 0));
        rollup.prove(b, 0, p[0], forChanged);
        // The verifier's own answer for the changed inputs and the honest proof is false.
        Groth16Proof memory honest = fakeProof(p[0]);
        assertFalse(mock.verifyProof(honest.a, honest.b, honest.c, changed));
        rollup.prove(b, 0, p[0], honest);
    }

    /// An input shifted by the field modulus (same value mod p) is refused before the verifier.
    function testFuzz_inputShiftedByModulusFails(uint256 which) public {
        setBlob("blob");
        which = bound(which, 0, 7);
        (uint256 b, uint256[11][] memory p) = commit(one(claim(101, 0, 201)));
        uint256[11] memory shifted = copy(p[0]);
        shifted[which] += FIELD_MODULUS;
        Groth16Proof memory proof = fakeProof(p[0]);
        vm.expectRevert(abi.encodeWithSelector(Batches.PublicInputOutOfField.selector, which, shifted[which]));
        rollup.prove(b, 0, shifted, proof);
        rollup.prove(b, 0, p[0], proof);
    }

    function test_verifierAnswerIsRequired() public {
        setBlob("blob");
        (uint256 b, uint256[11][] memory p) = commit(one(claim(101, 0, 201)));
        Groth16Proof memory bad = fakeProof(p[0]);
        bad.c[1] = 1;
        vm.expectRevert(abi.encodeWithSelector(Batches.InvalidProof.selector, b, 0));
        rollup.prove(b, 0, p[0], bad);
        // A verifier that reverts or returns garbage counts as a rejection.
        Groth16Proof memory good = fakeProof(p[0]);
        vm.mockCall(address(mock), abi.encodeWithSelector(mock.verifyProof.selector), abi.encode(uint256(2)));
        vm.expectRevert(abi.encodeWithSelector(Batches.InvalidProof.selector, b, 0));
        rollup.prove(b, 0, p[0], good);
        vm.clearMockedCalls();
        rollup.prove(b, 0, p[0], fakeProof(p[0]));
    }

    // ------------------------------------------------------------------ queue consumption

    function test_chunksBindQueueHashes() public {
        setBlob("blob");
        depositETH(alice, 1);
        depositETH(bob, 2);
        (uint256 b, uint256[11][] memory p) = commit(one(claim(101, 2, 201)));
        assertEq(p[0][2], 0, "q_0");
        assertEq(p[0][3], rollup.queueHashAt(2));
        proveAll(b, p);
        rollup.finalize(b);
        (,, uint256 finalizedQueue,,) = heads();
        assertEq(finalizedQueue, 2);
    }

    /// The queue cannot be skipped: a chunk's old queue hash is always the stored value at the
    /// previous chunk's end, so a proof over any other range does not match.
    function testFuzz_queueCannotBeSkipped(uint8 entries, uint8 skip) public {
        setBlob("blob");
        uint256 n = bound(entries, 2, 6);
        for (uint256 i; i < n; ++i) depositETH(alice, i + 1);
        uint256 s = bound(skip, 1, n - 1);
        (uint256 b, uint256[11][] memory p) = commit(one(claim(101, 1, 201)));
        // A prover who skipped `s` entries proves the step q_s -> q_{s+1} instead of q_0 -> q_1.
        uint256[11] memory skipped = copy(p[0]);
        skipped[2] = rollup.queueHashAt(s);
        skipped[3] = rollup.queueHashAt(s + 1);
        Groth16Proof memory proof = fakeProof(skipped);
        vm.expectRevert(abi.encodeWithSelector(Batches.PublicInputsMismatch.selector, b, 0));
        rollup.prove(b, 0, skipped, proof);
        // And the next batch starts where this one ended.
        (, uint256[11][] memory p2) = commit(one(claim(102, 2, 202)));
        assertEq(p2[0][2], rollup.queueHashAt(1));
    }

    // ------------------------------------------------------------------ forced inclusion

    function test_overdueEntryRefusesCommitThatLeavesIt() public {
        setBlob("blob");
        depositETH(alice, 1);
        vm.warp(T0 + INCLUSION + 1);
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(Batches.QueueEntryOverdue.selector, 0, T0));
        rollup.commitBatch(one(claim(101, 0, 201)), opening(one(claim(101, 0, 201))));
        commit(one(claim(101, 1, 201))); // consuming it is fine
    }

    function test_entryAtExactlyTheDelayIsNotOverdue() public {
        setBlob("blob");
        depositETH(alice, 1);
        vm.warp(T0 + INCLUSION);
        commit(one(claim(101, 0, 201)));
        assertFalse(rollup.permissionless());
        vm.warp(T0 + INCLUSION + 1);
        assertTrue(rollup.permissionless());
    }

    function test_fullCapacityBatchMayLeaveOverdueEntries() public {
        setBlob("blob");
        // Chunks of 1024 L2 slots: 15 chunks per blob, so one batch consumes at most 30 entries.
        RollupConfig memory c = config();
        c.nTx = 1024;
        rollup = new CounterweightRollup(c);
        vm.prank(seq);
        rollup.depositBond{value: MIN_BOND}();
        uint256 max = rollup.maxChunksPerBatch();
        assertEq(max, 15);
        for (uint256 i; i < max * NQUEUE + 1; ++i) depositETH(alice, 1);
        vm.warp(block.timestamp + INCLUSION + 1);
        ChunkClaim[] memory cs = new ChunkClaim[](max);
        for (uint256 k; k < max; ++k) cs[k] = claim(1000 + k, (k + 1) * NQUEUE, 7);
        cs[max - 1].queueEnd -= 1; // one short of full capacity: refused
        BlobOpening memory o = FakeBlob.opening(blobhash(0), cs, [DEPTH, 1024, NQUEUE, NFEE]);
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(Batches.QueueEntryOverdue.selector, max * NQUEUE - 1, T0));
        rollup.commitBatch(cs, o);
        cs[max - 1].queueEnd += 1; // full capacity: accepted although entry 30 stays overdue
        vm.prank(seq);
        rollup.commitBatch(cs, o);
        (, uint256 committedQueue,,,) = heads();
        assertEq(committedQueue, max * NQUEUE);
    }

    function test_commitAndProveIsPermissionlessAfterTheDelay() public {
        setBlob("blob");
        depositETH(alice, 1);
        ChunkClaim[] memory cs = one(claim(101, 1, 201));
        Groth16Proof[] memory ps = proofsFor(cs);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.NotSequencer.selector, bob));
        rollup.commitAndProve(cs, opening(cs), ps);
        vm.warp(T0 + INCLUSION + 1);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(SequencerRole.NotSequencer.selector, bob));
        rollup.commitBatch(cs, opening(cs)); // the two-step path stays the sequencer's
        vm.prank(bob);
        rollup.commitAndProve(cs, opening(cs), ps);
        assertEq(rollup.lastFinalizedStateRoot(), 101);
        (,, uint256 fq,, uint256 fb) = heads();
        assertEq(fq, 1);
        assertEq(fb, 1);
        assertEq(rollup.owed(bob, 0), FEE, "the queue fee goes to whoever consumed the entry");
    }

    function test_commitAndProveChecksEveryProof() public {
        setBlob("blob");
        depositETH(alice, 1);
        depositETH(alice, 2);
        ChunkClaim[] memory cs = new ChunkClaim[](2);
        cs[0] = claim(101, 1, 201);
        cs[1] = claim(102, 2, 202);
        Groth16Proof[] memory ps = proofsFor(cs);
        ps[1].a[0] ^= 1;
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(Batches.InvalidProof.selector, 1, 1));
        rollup.commitAndProve(cs, opening(cs), ps);
        vm.prank(seq);
        Groth16Proof[] memory onlyOne = new Groth16Proof[](1);
        onlyOne[0] = ps[0];
        vm.expectRevert(abi.encodeWithSelector(Batches.ProofCountMismatch.selector, 1, 2));
        rollup.commitAndProve(cs, opening(cs), onlyOne);
        ps[1].a[0] ^= 1;
        vm.prank(seq);
        rollup.commitAndProve(cs, opening(cs), ps);
        assertEq(rollup.lastFinalizedStateRoot(), 102);
    }

    // ------------------------------------------------------------------ proof deadline

    function test_expiredBatchIsRevertedByAnyone() public {
        setBlob("blob");
        depositETH(alice, 1);
        (uint256 b1,) = commit(one(claim(101, 1, 201)));
        (uint256 b2,) = commit(one(claim(102, 1, 202)));
        vm.expectRevert(abi.encodeWithSelector(Batches.ProofWindowOpen.selector, b1, T0 + PROOF_WINDOW));
        rollup.revertExpiredBatches(b1);
        vm.warp(T0 + PROOF_WINDOW + 1);
        vm.prank(bob);
        rollup.revertExpiredBatches(b1);
        (, uint256 cq,, uint256 cb,) = heads();
        assertEq(cb, 0, "batch 1 and everything after it are gone");
        assertEq(cq, 0, "their entries are unconsumed again");
        assertEq(rollup.lastCommittedStateRoot(), rollup.genesisStateRoot());
        vm.expectRevert(abi.encodeWithSelector(Batches.BatchNotPending.selector, b2));
        rollup.revertExpiredBatches(b2);
        // Numbering continues at 1, with fresh chunk records.
        (uint256 again, uint256[11][] memory p) = commit(one(claim(111, 1, 211)));
        assertEq(again, 1);
        proveAll(again, p);
        rollup.finalize(again);
        assertEq(rollup.lastFinalizedStateRoot(), 111);
    }

    function test_provenBatchCannotBeReverted() public {
        setBlob("blob");
        (uint256 b, uint256[11][] memory p) = commit(one(claim(101, 0, 201)));
        proveAll(b, p);
        vm.warp(T0 + PROOF_WINDOW + 1);
        vm.expectRevert(abi.encodeWithSelector(Batches.BatchFullyProven.selector, b));
        rollup.revertExpiredBatches(b);
        rollup.finalize(b);
    }

    /// A dead operator's unprovable batch does not block anyone: once it expires, a
    /// commit-and-prove reverts it in the same transaction.
    function test_commitAndProveClearsAnExpiredBatch() public {
        setBlob("blob");
        depositETH(alice, 1);
        commit(one(claim(666, 1, 666))); // never proven
        vm.warp(T0 + INCLUSION + 1);
        ChunkClaim[] memory cs = one(claim(101, 1, 201));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Batches.PendingBatches.selector, 1, 0));
        rollup.commitAndProve(cs, opening(cs), new Groth16Proof[](1));
        vm.warp(T0 + PROOF_WINDOW + 1);
        // Proofs for a batch built on the finalized head (the expired batch will be gone).
        uint256[11][] memory pis = inputsOf(rollup.lastFinalizedStateRoot(), 0, cs);
        Groth16Proof[] memory ps = new Groth16Proof[](1);
        ps[0] = fakeProof(pis[0]);
        vm.prank(bob);
        rollup.commitAndProve(cs, opening(cs), ps);
        assertEq(rollup.lastFinalizedStateRoot(), 101);
    }

    // ------------------------------------------------------------------ calldata DA

    function test_calldataBatchRecomputesDataCommitments() public {
        setBlob("blob");
        // Two chunks of 2 elements each after the header.
        uint256[] memory els = new uint256[](5);
        els[0] = daHeader(2);
        for (uint256 i = 1; i < 5; ++i) els[i] = uint256(keccak256(abi.encode(i))) >> 8;
        bytes memory data = pack(els);
        ChunkClaim[] memory cs = new ChunkClaim[](2);
        cs[0] = claim(101, 0, 201);
        cs[1] = claim(102, 0, 202);
        cs[0].dataCommitment = t3.hash2(t3.hash2(0, els[1]), els[2]);
        cs[1].dataCommitment = t3.hash2(t3.hash2(0, els[3]), els[4]) ^ 1;
        // the calldata share: -(sum of the chunk's elements) mod r
        cs[0].blobShare = BLS_MODULUS - addmod(els[1], els[2], BLS_MODULUS);
        cs[1].blobShare = BLS_MODULUS - addmod(els[3], els[4], BLS_MODULUS) + 1;
        noBlob();
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(Batches.DataCommitmentMismatch.selector, 1, cs[1].dataCommitment ^ 1, cs[1].dataCommitment));
        rollup.commitBatchCalldata(data, cs);
        cs[1].dataCommitment ^= 1;
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(Batches.BlobShareMismatch.selector, 1, cs[1].blobShare - 1, cs[1].blobShare));
        rollup.commitBatchCalldata(data, cs);
        cs[1].blobShare -= 1;
        vm.prank(seq);
        rollup.commitBatchCalldata(data, cs);
        (, uint256 cq,,,) = heads();
        uint256[11][] memory pis = inputsOf(rollup.genesisStateRoot(), cq, cs);
        assertEq(uint256(keccak256(abi.encode(_calldataInputs(pis[1])))) & ~(uint256(1) << 255), _stored(1, 1), "challenge 0 on the calldata path");
        (Batches.Batch memory rec,, bytes32 dataHash) = rollup.batchInfo(1);
        assertEq(rec.chunkCount, 2);
        assertEq(dataHash, keccak256(data));

        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(Batches.BadDataLength.selector, 5 * 31 - 1, 5 * 31));
        rollup.commitBatchCalldata(slice(data, 5 * 31 - 1), cs);
        els[0] = daHeader(3);
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(Batches.BadDataHeader.selector, daHeader(3), daHeader(2)));
        rollup.commitBatchCalldata(pack(els), cs);
    }

    function _calldataInputs(uint256[11] memory pi) internal pure returns (uint256[11] memory) {
        pi[8] = 0;
        return pi;
    }

    function _stored(uint256 batch, uint256 chunk) internal view returns (uint256 h) {
        (, h) = rollup.chunkState(batch, chunk);
    }

    // ------------------------------------------------------------------ blob equivalence

    function test_commitChecksTheBlobOpeningAgainstTheShares() public {
        setBlob("blob");
        depositETH(alice, 1);
        ChunkClaim[] memory cs = new ChunkClaim[](2);
        cs[0] = claim(101, 1, 201);
        cs[1] = claim(102, 1, 202);
        BlobOpening memory o = opening(cs);
        // a share off by one: the sum no longer matches y
        cs[1].blobShare = addmod(cs[1].blobShare, 1, BLS_MODULUS);
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(BlobEquivalence.BlobSharesMismatch.selector, o.y));
        rollup.commitBatch(cs, o);
        // a share off by the modulus (same residue): refused as out of field
        cs[1].blobShare = addmod(cs[1].blobShare, BLS_MODULUS - 1, BLS_MODULUS) + BLS_MODULUS;
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(Batches.BlobShareOutOfField.selector, 1));
        rollup.commitBatch(cs, o);
        cs[1].blobShare -= BLS_MODULUS;
        // y for a challenge from other data commitments: refused
        ChunkClaim[] memory other = new ChunkClaim[](2);
        other[0] = cs[0];
        other[1] = cs[1];
        other[1].dataCommitment ^= 1;
        BlobOpening memory wrong = opening(other);
        other[1].dataCommitment ^= 1;
        vm.prank(seq);
        vm.expectRevert(abi.encodeWithSelector(BlobEquivalence.BlobSharesMismatch.selector, wrong.y));
        rollup.commitBatch(cs, wrong);
        // the precompile refusing the opening
        vm.mockCallRevert(address(0x0A), "", "");
        vm.prank(seq);
        vm.expectRevert(BlobEquivalence.BlobOpeningInvalid.selector);
        rollup.commitBatch(cs, o);
        FakeBlob.mockPointEvaluation(vm);
        // the matching one is accepted, and the inputs carry z | k << 240 and the share halves
        vm.prank(seq);
        rollup.commitBatch(cs, o);
        uint256[11][] memory pis = inputsOf(rollup.genesisStateRoot(), 0, cs);
        assertEq(pis[1][8] >> 240, 1, "chunk index above the challenge");
        assertEq(pis[1][8] & ((uint256(1) << 240) - 1), FakeBlob.challenge(blobhash(0), cs));
        assertEq((pis[1][9] << 128) | pis[1][10], cs[1].blobShare);
        assertEq(uint256(keccak256(abi.encode(pis[1]))) & ~(uint256(1) << 255), _stored(1, 1));
    }

    function daHeader(uint256 chunks) internal pure returns (uint256) {
        uint256 v = (((((((1 << 8) | DEPTH) << 16 | NTX) << 16) | NQUEUE) << 8 | NFEE) << 16) | chunks;
        return v << (248 - 72);
    }

    function pack(uint256[] memory els) internal pure returns (bytes memory out) {
        for (uint256 i; i < els.length; ++i) out = bytes.concat(out, bytes31(bytes32(els[i] << 8)));
    }

    function slice(bytes memory b, uint256 n) internal pure returns (bytes memory out) {
        out = new bytes(n);
        for (uint256 i; i < n; ++i) out[i] = b[i];
    }

    // ------------------------------------------------------------------ escape mode freezes batches

    function test_escapeModeStopsBatches() public {
        setBlob("blob");
        depositETH(alice, 1);
        vm.warp(T0 + ESCAPE + 1);
        escape().activateEscapeMode();
        vm.prank(seq);
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.commitBatch(one(claim(101, 1, 201)), opening(one(claim(101, 1, 201))));
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.commitAndProve(one(claim(101, 1, 201)), opening(one(claim(101, 1, 201))), new Groth16Proof[](1));
        vm.expectRevert(RollupBase.EscapeModeActive.selector);
        rollup.finalize(1);
    }
}
