// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../Test.sol";
import {PoseidonDeployer} from "../../PoseidonDeployer.sol";
import {IPoseidonT3, IPoseidonT4, IPoseidonT5, IPoseidonT6} from "../../../src/poseidon/IPoseidon.sol";
import {CounterweightRollup} from "../../../src/rollup/CounterweightRollup.sol";
import {EscapeHatch} from "../../../src/rollup/EscapeHatch.sol";
import {InsecureMockChunkVerifier} from "../../../src/testing/InsecureMockChunkVerifier.sol";
import {
    BLS_MODULUS, BlobOpening, ChunkClaim, Groth16Proof, RollupConfig, FIELD_MODULUS
} from "../../../src/rollup/RollupTypes.sol";
import {FakeBlob} from "../../FakeBlob.sol";

/**
 * @title RollupFixture
 * @notice A rollup with TEST_PARAMS (depth 8, nTx 4, nQueue 2, nFee 2) over the generated
 * Poseidon hashers and the INSECURE mock verifier (fake proofs bound to the public inputs),
 * a bonded sequencer, one blob hash in every transaction (the point-evaluation precompile
 * stood in, see FakeBlob), and helpers to build claims, blob openings that match their shares,
 * public inputs, fake proofs and small Poseidon trees. Tests build on it.
 */
abstract contract RollupFixture is Test {
    uint256 internal constant DEPTH = 8;
    uint256 internal constant NTX = 4;
    uint256 internal constant NQUEUE = 2;
    uint256 internal constant NFEE = 2;
    uint256 internal constant EXIT_DEPTH = 3;
    uint256 internal constant INCLUSION = 1 hours;
    uint256 internal constant PROOF_WINDOW = 2 hours;
    uint256 internal constant ESCAPE = 4 hours;
    uint256 internal constant HANDOVER = 30 days;
    uint256 internal constant MIN_BOND = 1 ether;
    uint256 internal constant BOND_DELAY = 7 days;
    uint256 internal constant FEE = 0.001 ether;
    uint256 internal constant FEE_STEP = 16;
    uint256 internal constant T0 = 1_700_000_000;

    IPoseidonT3 internal t3;
    IPoseidonT4 internal t4;
    IPoseidonT5 internal t5;
    IPoseidonT6 internal t6;
    InsecureMockChunkVerifier internal mock;
    CounterweightRollup internal rollup;
    /// The txListCommitment of every chunk committed through `commit` (key `batch << 16 | chunk`).
    mapping(uint256 key => uint256) internal committedTxList;
    address internal seq;
    address internal alice;
    address internal bob;

    function setUp() public virtual {
        vm.warp(T0);
        FakeBlob.mockPointEvaluation(vm);
        seq = makeAddr("sequencer");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        t3 = PoseidonDeployer.deployT3();
        t4 = PoseidonDeployer.deployT4();
        t5 = PoseidonDeployer.deployT5();
        t6 = PoseidonDeployer.deployT6();
        mock = new InsecureMockChunkVerifier();
        rollup = new CounterweightRollup(config());
        vm.label(address(rollup), "rollup");
        vm.deal(seq, 100 ether);
        vm.deal(alice, 1_000 ether);
        vm.deal(bob, 1_000 ether);
        vm.prank(seq);
        rollup.depositBond{value: MIN_BOND}();
    }

    function config() internal view returns (RollupConfig memory c) {
        c.depth = DEPTH;
        c.nTx = NTX;
        c.nQueue = NQUEUE;
        c.nFee = NFEE;
        c.verifier = address(mock);
        c.poseidon2 = t3;
        c.poseidon3 = t4;
        c.poseidon4 = t5;
        c.poseidon5 = t6;
        c.sequencer = seq;
        c.inclusionDelay = INCLUSION;
        c.proofWindow = PROOF_WINDOW;
        c.escapeDelay = ESCAPE;
        c.handoverDelay = HANDOVER;
        c.minBond = MIN_BOND;
        c.bondWithdrawalDelay = BOND_DELAY;
        c.queueFeeBase = FEE;
        c.queueFeeStep = FEE_STEP;
    }

    /// A versioned-hash-looking value as the transaction's only blob (forge resets it per
    /// test: set it in the test itself).
    function setBlob(bytes32 seed) internal {
        bytes32[] memory hashes = new bytes32[](1);
        hashes[0] = bytes32((uint256(seed) >> 8) | (uint256(1) << 248));
        vm.blobhashes(hashes);
    }

    function noBlob() internal {
        vm.blobhashes(new bytes32[](0));
    }

    // ------------------------------------------------------------------ queue helpers

    function depositETH(address from, uint256 amount) internal returns (uint256 position) {
        position = queueLength();
        uint256 fee = rollup.queueFee();
        vm.prank(from);
        rollup.depositETH{value: amount + fee}(amount, 0, 0, 0);
    }

    function forcedWithdraw(address from, uint256 index, uint256 amount) internal returns (uint256 position) {
        position = queueLength();
        uint256 fee = rollup.queueFee();
        vm.prank(from);
        rollup.forcedWithdraw{value: fee}(index, amount);
    }

    function queueLength() internal view returns (uint256) {
        return rollup.queueLength();
    }

    function heads()
        internal
        view
        returns (uint256 queueLen, uint256 committedQueue, uint256 finalizedQueue, uint256 committed, uint256 finalized)
    {
        (queueLen, committedQueue, finalizedQueue, committed, finalized,) = rollup.heads();
    }

    // ------------------------------------------------------------------ batch helpers

    /// A claim with made-up commitments (the mock verifier only binds them).
    function claim(uint256 newRoot, uint256 queueEnd, uint256 exitRoot) internal pure returns (ChunkClaim memory c) {
        c.newStateRoot = newRoot;
        c.queueEnd = queueEnd;
        c.exitRoot = exitRoot;
        c.txListCommitment = uint256(keccak256(abi.encode("txList", newRoot))) % FIELD_MODULUS;
        c.dataCommitment = uint256(keccak256(abi.encode("data", newRoot))) % FIELD_MODULUS;
        c.blobShare = uint256(keccak256(abi.encode("share", newRoot))) % BLS_MODULUS;
    }

    /// The opening of the transaction's blob that the shares of `cs` add up to.
    function opening(ChunkClaim[] memory cs) internal view returns (BlobOpening memory) {
        return FakeBlob.opening(blobhash(0), cs, [DEPTH, NTX, NQUEUE, NFEE]);
    }

    function one(ChunkClaim memory c) internal pure returns (ChunkClaim[] memory cs) {
        cs = new ChunkClaim[](1);
        cs[0] = c;
    }

    /// The public inputs the rollup derives for the chunks of a blob batch committed on top of
    /// (`oldRoot`, `oldQueueEnd`) with the transaction's blob.
    function inputsOf(uint256 oldRoot, uint256 oldQueueEnd, ChunkClaim[] memory cs)
        internal
        view
        returns (uint256[11][] memory all)
    {
        all = new uint256[11][](cs.length);
        uint256 z = FakeBlob.challenge(blobhash(0), cs);
        for (uint256 k; k < cs.length; ++k) {
            uint256[11] memory pi;
            pi[0] = oldRoot;
            pi[1] = cs[k].newStateRoot;
            pi[2] = rollup.queueHashAt(oldQueueEnd);
            pi[3] = rollup.queueHashAt(cs[k].queueEnd);
            pi[4] = cs[k].exitRoot;
            pi[5] = cs[k].txListCommitment;
            pi[6] = cs[k].dataCommitment;
            pi[7] = rollup.domain();
            FakeBlob.bind(pi, z, k, cs[k].blobShare);
            all[k] = pi;
            oldRoot = cs[k].newStateRoot;
            oldQueueEnd = cs[k].queueEnd;
        }
    }

    /// A copy (memory arrays are references).
    function copy(uint256[11] memory pi) internal pure returns (uint256[11] memory out) {
        for (uint256 i; i < 11; ++i) out[i] = pi[i];
    }

    function fakeProof(uint256[11] memory pi) internal view returns (Groth16Proof memory p) {
        p.a[0] = mock.fakeProofFor(pi);
    }

    /// Commits `cs` as the sequencer and returns the batch number and its chunks' inputs.
    function commit(ChunkClaim[] memory cs) internal returns (uint256 batch, uint256[11][] memory pis) {
        uint256 oldRoot = rollup.lastCommittedStateRoot();
        (, uint256 committedQueue,, uint256 committed,) = heads();
        setBlob(bytes32(committed + 1));
        pis = inputsOf(oldRoot, committedQueue, cs);
        BlobOpening memory o = opening(cs);
        vm.prank(seq);
        rollup.commitBatch(cs, o);
        batch = committed + 1;
        for (uint256 k; k < cs.length; ++k) committedTxList[(batch << 16) | k] = cs[k].txListCommitment;
    }

    function proveAll(uint256 batch, uint256[11][] memory pis) internal {
        for (uint256 k; k < pis.length; ++k) rollup.prove(batch, k, pis[k], fakeProof(pis[k]));
    }

    /// Commit, prove and finalize one batch through the two-step path.
    function settle(ChunkClaim[] memory cs) internal returns (uint256 batch) {
        uint256[11][] memory pis;
        (batch, pis) = commit(cs);
        proveAll(batch, pis);
        rollup.finalize(batch);
    }

    /// Proofs for `commitAndProve` of `cs` on top of the current committed head.
    function proofsFor(ChunkClaim[] memory cs) internal view returns (Groth16Proof[] memory ps) {
        (, uint256 committedQueue,,,) = heads();
        uint256[11][] memory pis = inputsOf(rollup.lastCommittedStateRoot(), committedQueue, cs);
        ps = new Groth16Proof[](cs.length);
        for (uint256 k; k < cs.length; ++k) ps[k] = fakeProof(pis[k]);
    }

    /// The txListCommitment `commit` recorded for a chunk (what `claimExit` takes last).
    function txListOf(uint256 batch, uint256 chunk) internal view returns (uint256) {
        return committedTxList[(batch << 16) | chunk];
    }

    /// The rollup's escape functions (run by `EscapeHatch` on the rollup's storage).
    function escape() internal view returns (EscapeHatch) {
        return EscapeHatch(address(rollup));
    }

    // ------------------------------------------------------------------ trees

    function exitLeaf(address recipient, uint256 tokenId, uint256 amount) internal view returns (uint256) {
        return t4.hash3(uint160(recipient), tokenId, amount);
    }

    /// Root of the dense Poseidon tree over `leaves` padded with zeros to 2^depth.
    function denseRoot(uint256[] memory leaves, uint256 depth) internal view returns (uint256) {
        uint256[] memory level = _pad(leaves, depth);
        for (uint256 d; d < depth; ++d) level = _up(level);
        return level[0];
    }

    /// Siblings (bottom-up) of leaf `index` in that tree.
    function denseProof(uint256[] memory leaves, uint256 depth, uint256 index) internal view returns (uint256[] memory sib) {
        uint256[] memory level = _pad(leaves, depth);
        sib = new uint256[](depth);
        for (uint256 d; d < depth; ++d) {
            sib[d] = level[index ^ 1];
            level = _up(level);
            index >>= 1;
        }
    }

    function _pad(uint256[] memory leaves, uint256 depth) private pure returns (uint256[] memory out) {
        out = new uint256[](1 << depth);
        for (uint256 i; i < leaves.length; ++i) out[i] = leaves[i];
    }

    function _up(uint256[] memory level) private view returns (uint256[] memory next) {
        next = new uint256[](level.length / 2);
        for (uint256 i; i < next.length; ++i) next[i] = t3.hash2(level[2 * i], level[2 * i + 1]);
    }
}
