// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SequencerRole} from "./SequencerRole.sol";
import {BlobEquivalence} from "./lib/BlobEquivalence.sol";
import {CalldataDA} from "./lib/CalldataDA.sol";
import {IChunkVerifier} from "./IChunkVerifier.sol";
import {
    BLS_MODULUS,
    BYTES_PER_ELEMENT,
    BlobOpening,
    CHALLENGE_BITS,
    ChunkClaim,
    FIELD_MODULUS,
    Groth16Proof,
    PUBLIC_INPUTS
} from "./RollupTypes.sol";

/**
 * @title Batches
 * @notice Commit, prove, finalize and revert batches.
 *
 * A batch is one blob (or, as a fallback, the same bytes in calldata) split into chunks; each
 * chunk is proven on its own. At commit the contract derives each chunk's eleven public inputs
 * (oldStateRoot = the previous chunk's new root, or the previous batch's; old/new queue hash =
 * the stored chain values at the previous and this chunk's `queueEnd`; the claimed new root,
 * exit root, tx-list and data commitments; the deployment domain; the blob challenge with the
 * chunk's index and the claimed blob share in two halves), stores one keccak of them and emits
 * them. With a blob, the shares must add up to the blob's value at the challenge, opened by
 * the point-evaluation precompile (`BlobEquivalence`); with calldata data the contract
 * recomputes every data commitment and share itself (challenge 0). `prove` takes the inputs back, checks them below the field modulus and
 * against that hash, and requires the verifier to accept. Batches finalize strictly in order
 * once every chunk is proven. A batch still unproven `proofWindow` after its commit can be
 * reverted by anyone, with every batch after it.
 *
 * Forced inclusion: a commit that leaves unconsumed an entry older than `inclusionDelay` is
 * refused, unless the batch consumed the queue at full capacity (every one of
 * `maxChunksPerBatch` chunks took `nQueue` entries). Once the oldest entry not consumed by a
 * finalized batch is older than that, anyone may `commitAndProve`.
 */
abstract contract Batches is SequencerRole {
    error NoBlob();
    error MoreThanOneBlob();
    error BadChunkCount(uint256 count, uint256 max);
    error ClaimOutOfField(uint256 chunk);
    error BadQueueRange(uint256 chunk, uint256 from, uint256 to);
    error BadDataLength(uint256 length, uint256 expected);
    error BadDataHeader(uint256 header, uint256 expected);
    error DataCommitmentMismatch(uint256 chunk, uint256 computed, uint256 claimed);
    error BlobShareOutOfField(uint256 chunk);
    error BlobShareMismatch(uint256 chunk, uint256 computed, uint256 claimed);
    error QueueEntryOverdue(uint256 position, uint256 timestamp);
    error BatchNotPending(uint256 batch);
    error UnknownChunk(uint256 batch, uint256 chunk);
    error ChunkAlreadyProven(uint256 batch, uint256 chunk);
    error PublicInputOutOfField(uint256 index, uint256 value);
    error PublicInputsMismatch(uint256 batch, uint256 chunk);
    error InvalidProof(uint256 batch, uint256 chunk);
    error BatchNotNext(uint256 batch, uint256 next);
    error ChunkNotProven(uint256 batch, uint256 chunk);
    error ProofWindowOpen(uint256 batch, uint256 deadline);
    error BatchFullyProven(uint256 batch);
    error PendingBatches(uint256 committed, uint256 finalized);
    error ProofCountMismatch(uint256 proofs, uint256 chunks);

    /// `dataHash` is the blob's versioned hash, or keccak256 of the calldata bytes.
    event BatchCommitted(
        uint256 indexed batch,
        address indexed committer,
        bytes32 dataHash,
        bool calldataDA,
        uint256 chunkCount,
        uint256 queueEnd,
        uint256 newStateRoot
    );
    /// The public inputs of the chunk's proof, in circuit order.
    event ChunkCommitted(uint256 indexed batch, uint256 indexed chunk, uint256[11] publicInputs);
    event ChunkProven(uint256 indexed batch, uint256 indexed chunk, address prover);
    event BatchFinalized(uint256 indexed batch, uint256 stateRoot, uint256 queueEnd, uint256 queueFees);
    /// Batches `fromBatch` to `toBatch` were dropped; numbering continues at `fromBatch`.
    event BatchesReverted(uint256 indexed fromBatch, uint256 toBatch);

    // ------------------------------------------------------------------ sequencer path

    /// @notice Commits a batch whose data is this transaction's only blob, opened at the
    /// challenge by `opening`. Sequencer only.
    function commitBatch(ChunkClaim[] calldata claims, BlobOpening calldata opening) external {
        if (!_isBondedSequencer(msg.sender)) _refuseCommitter();
        _commitBlob(claims, opening, new Groth16Proof[](0));
    }

    /// @notice Commits a batch whose data is `data` (the batch's field elements, 31 bytes each);
    /// the contract recomputes every chunk's data commitment from it. Sequencer only.
    function commitBatchCalldata(bytes calldata data, ChunkClaim[] calldata claims) external {
        if (!_isBondedSequencer(msg.sender)) _refuseCommitter();
        _commit(keccak256(data), true, 0, data, claims, new Groth16Proof[](0));
    }

    /// @notice Proves chunk `chunk` of pending batch `batch`. Anyone may. `publicInputs` are the
    /// ones the commit emitted (`ChunkCommitted`).
    function prove(uint256 batch, uint256 chunk, uint256[PUBLIC_INPUTS] calldata publicInputs, Groth16Proof calldata proof)
        external
    {
        Heads memory h = _heads;
        if (h.escapeMode) revert EscapeModeActive();
        if (batch <= h.finalizedBatches || batch > h.committedBatches) revert BatchNotPending(batch);
        if (chunk >= _batches[batch].chunkCount) revert UnknownChunk(batch, chunk);
        uint256 key = _chunkKey(batch, chunk);
        uint256 slot = _chunkSlots[key];
        if (slot & PROVEN != 0) revert ChunkAlreadyProven(batch, chunk);
        uint256[PUBLIC_INPUTS] memory pi = publicInputs;
        _checkInputsInField(pi);
        if (_inputsHash(pi) != slot) revert PublicInputsMismatch(batch, chunk);
        if (!_verify(pi, proof)) revert InvalidProof(batch, chunk);
        _chunkSlots[key] = _provenValue(pi[4], pi[5]);
        emit ChunkProven(batch, chunk, msg.sender);
    }

    /// @notice Finalizes `batch`, which must be the next one and fully proven. Anyone may.
    function finalize(uint256 batch) external {
        Heads memory h = _heads;
        if (h.escapeMode) revert EscapeModeActive();
        uint256 next = uint256(h.finalizedBatches) + 1;
        if (batch != next || batch > h.committedBatches) revert BatchNotNext(batch, next);
        Batch memory b = _batches[batch];
        for (uint256 k; k < b.chunkCount; ++k) {
            if (_chunkSlots[_chunkKey(batch, k)] & PROVEN == 0) revert ChunkNotProven(batch, k);
        }
        _finalize(h, batch, b);
    }

    /// @notice Drops pending batch `fromBatch` and every later one, once `fromBatch` is past its
    /// proof deadline and still not fully proven. Anyone may.
    function revertExpiredBatches(uint256 fromBatch) external {
        Heads memory h = _heads;
        if (h.escapeMode) revert EscapeModeActive();
        if (fromBatch <= h.finalizedBatches || fromBatch > h.committedBatches) revert BatchNotPending(fromBatch);
        uint256 deadline = proofDeadline(fromBatch);
        if (block.timestamp <= deadline) revert ProofWindowOpen(fromBatch, deadline);
        if (_fullyProven(fromBatch)) revert BatchFullyProven(fromBatch);
        _revertFrom(h, fromBatch);
    }

    // ------------------------------------------------------------------ one-transaction path

    /// @notice Commits a blob batch, verifies a proof of every chunk and finalizes it, in one
    /// transaction. The sequencer may always; anyone may once the oldest entry not consumed by
    /// a finalized batch is older than `inclusionDelay`. A pending batch past its proof deadline
    /// is reverted first; other pending batches must be finalized or expire first.
    function commitAndProve(ChunkClaim[] calldata claims, BlobOpening calldata opening, Groth16Proof[] calldata proofs)
        external
    {
        _clearForCommitAndProve();
        _commitBlob(claims, opening, proofs);
    }

    /// @notice {commitAndProve} with calldata data (see {commitBatchCalldata}).
    function commitAndProveCalldata(bytes calldata data, ChunkClaim[] calldata claims, Groth16Proof[] calldata proofs)
        external
    {
        _clearForCommitAndProve();
        _commit(keccak256(data), true, 0, data, claims, proofs);
    }

    // ------------------------------------------------------------------ views

    /// @notice The queue and batch heads.
    function heads()
        external
        view
        returns (
            uint256 queueLength_,
            uint256 committedQueue,
            uint256 finalizedQueue,
            uint256 committedBatches,
            uint256 finalizedBatches,
            bool escapeMode
        )
    {
        Heads memory h = _heads;
        return (h.queueLength, h.committedQueue, h.finalizedQueue, h.committedBatches, h.finalizedBatches, h.escapeMode);
    }

    /// @notice A committed batch (also reverted ones whose number was not reused yet): its record,
    /// state root after it and data hash.
    function batchInfo(uint256 batch) external view returns (Batch memory record, uint256 stateRoot, bytes32 dataHash) {
        return (_batches[batch], _batchStateRoot[batch], _batchDataHash[batch]);
    }

    /// @notice Whether a chunk is proven, and then `keccak256(exitRoot, txListCommitment)` with the
    /// top bit clear (else the hash of its eleven public inputs, top bit clear).
    function chunkState(uint256 batch, uint256 chunk) external view returns (bool proven, uint256 value) {
        uint256 slot = _chunkSlots[_chunkKey(batch, chunk)];
        return (slot & PROVEN != 0, slot & ~PROVEN);
    }

    function lastCommittedStateRoot() external view returns (uint256) {
        return _batchStateRoot[_heads.committedBatches];
    }

    function lastFinalizedStateRoot() public view returns (uint256) {
        return _batchStateRoot[_heads.finalizedBatches];
    }

    /// @notice When pending `batch` may be reverted if still unproven.
    function proofDeadline(uint256 batch) public view returns (uint256) {
        return uint256(_batches[batch].committedAt) + proofWindow;
    }

    /// @notice True when anyone may `commitAndProve`: the oldest entry not consumed by a
    /// finalized batch has waited longer than `inclusionDelay`.
    function permissionless() public view returns (bool) {
        Heads memory h = _heads;
        return _waitedLonger(h.finalizedQueue, h.queueLength, inclusionDelay);
    }

    // ------------------------------------------------------------------ internals

    function _refuseCommitter() private view {
        if (msg.sender != sequencer) revert NotSequencer(msg.sender);
        revert BondTooLow(availableBond(msg.sender), minBond);
    }

    function _blobHash() private view returns (bytes32 h) {
        h = blobhash(0);
        if (h == bytes32(0)) revert NoBlob();
        if (blobhash(1) != bytes32(0)) revert MoreThanOneBlob();
    }

    function _clearForCommitAndProve() private {
        Heads memory h = _heads;
        if (h.escapeMode) revert EscapeModeActive();
        if (h.committedBatches > h.finalizedBatches) {
            uint256 first = uint256(h.finalizedBatches) + 1;
            if (block.timestamp <= proofDeadline(first) || _fullyProven(first)) {
                revert PendingBatches(h.committedBatches, h.finalizedBatches);
            }
            _revertFrom(h, first);
        }
        if (!_isBondedSequencer(msg.sender) && !permissionless()) _refuseCommitter();
    }

    /// @dev The loop state of `_commit`, in memory to keep the stack shallow.
    struct Cursor {
        uint256 batch;
        uint256 chunks;
        uint256 queuePos;
        uint256 queueStart;
        uint256 queueLength;
        bytes32 dataHash;
        bool calldataDA;
        bool withProofs;
        /// The blob challenge (0 on the calldata path) and the sum of the shares mod r.
        uint256 z;
        uint256 shareSum;
    }

    /// @dev Commits a blob batch: derives the challenge, commits, then requires the blob's
    /// opening at the challenge to equal what the shares add up to.
    function _commitBlob(ChunkClaim[] calldata claims, BlobOpening calldata opening, Groth16Proof[] memory proofs)
        private
    {
        bytes32 vh = _blobHash();
        uint256 z = BlobEquivalence.challenge(vh, claims);
        uint256 shareSum = _commit(vh, false, z, msg.data[0:0], claims, proofs);
        BlobEquivalence.check(vh, z, CalldataDA.header(depth, nTx, nQueue, nFee, claims.length), shareSum, opening);
    }

    /// @dev Commits a batch on top of the last committed one (blob path: challenge `z`, empty
    /// `data`; calldata path: z = 0); with `proofs` (one per chunk) it also verifies every chunk
    /// and finalizes the batch. Returns the sum of the shares mod r.
    function _commit(
        bytes32 dataHash,
        bool calldataDA,
        uint256 z,
        bytes calldata data,
        ChunkClaim[] calldata claims,
        Groth16Proof[] memory proofs
    ) private returns (uint256) {
        Heads memory h = _heads;
        if (h.escapeMode) revert EscapeModeActive();
        uint256 n = claims.length;
        if (n == 0 || n > maxChunksPerBatch) revert BadChunkCount(n, maxChunksPerBatch);
        if (calldataDA) _checkDataLayout(data, n);
        if (proofs.length != 0 && proofs.length != n) revert ProofCountMismatch(proofs.length, n);
        Cursor memory cur = Cursor({
            batch: uint256(h.committedBatches) + 1,
            chunks: n,
            queuePos: h.committedQueue,
            queueStart: h.committedQueue,
            queueLength: h.queueLength,
            dataHash: dataHash,
            calldataDA: calldataDA,
            withProofs: proofs.length != 0,
            z: z,
            shareSum: 0
        });
        uint256[PUBLIC_INPUTS] memory pi;
        pi[0] = _batchStateRoot[h.committedBatches];
        pi[3] = _queueHashAt(cur.queuePos);
        pi[7] = domain;
        for (uint256 k; k < n; ++k) {
            _chunk(cur, pi, k, claims[k], data);
            uint256 key = _chunkKey(cur.batch, k);
            if (cur.withProofs) {
                if (!_verify(pi, proofs[k])) revert InvalidProof(cur.batch, k);
                _chunkSlots[key] = _provenValue(pi[4], pi[5]);
                emit ChunkProven(cur.batch, k, msg.sender);
            } else {
                _chunkSlots[key] = _inputsHash(pi);
            }
            pi[0] = pi[1];
        }
        _recordBatch(h, cur, pi[0]);
        return cur.shareSum;
    }

    function _recordBatch(Heads memory h, Cursor memory cur, uint256 stateRoot) private {
        uint256 end = cur.queuePos;
        bool fullCapacity = cur.chunks == maxChunksPerBatch && end - cur.queueStart == cur.chunks * nQueue;
        if (!fullCapacity && _waitedLonger(end, cur.queueLength, inclusionDelay)) {
            revert QueueEntryOverdue(end, _entryTime(end));
        }
        Batch memory b = Batch({
            queueEnd: uint40(end),
            committedAt: uint40(block.timestamp),
            chunkCount: uint16(cur.chunks),
            committer: msg.sender
        });
        _batches[cur.batch] = b;
        _batchStateRoot[cur.batch] = stateRoot;
        _batchDataHash[cur.batch] = cur.dataHash;
        h.committedBatches = uint40(cur.batch);
        h.committedQueue = uint40(end);
        _heads = h;
        emit BatchCommitted(cur.batch, msg.sender, cur.dataHash, cur.calldataDA, cur.chunks, end, stateRoot);
        if (cur.withProofs) _finalize(h, cur.batch, b);
    }

    /// @dev Checks one claim and fills the chunk's public inputs into `pi` (pi[0] and pi[3] hold
    /// the previous chunk's new state root and queue hash).
    function _chunk(
        Cursor memory cur,
        uint256[PUBLIC_INPUTS] memory pi,
        uint256 k,
        ChunkClaim calldata c,
        bytes calldata data
    ) private {
        if (
            c.newStateRoot >= FIELD_MODULUS || c.exitRoot >= FIELD_MODULUS || c.txListCommitment >= FIELD_MODULUS
                || c.dataCommitment >= FIELD_MODULUS
        ) revert ClaimOutOfField(k);
        uint256 from = cur.queuePos;
        uint256 end = c.queueEnd;
        if (end < from || end - from > nQueue || end > cur.queueLength) revert BadQueueRange(k, from, end);
        pi[1] = c.newStateRoot;
        pi[2] = pi[3];
        if (end != from) pi[3] = _queueChain[end];
        pi[4] = c.exitRoot;
        pi[5] = c.txListCommitment;
        pi[6] = c.dataCommitment;
        uint256 share = c.blobShare;
        if (share >= BLS_MODULUS) revert BlobShareOutOfField(k);
        if (cur.calldataDA) {
            uint256 e = chunkElements;
            uint256 got = CalldataDA.commitment(_h2, data, 1 + k * e, e);
            if (got != c.dataCommitment) revert DataCommitmentMismatch(k, got, c.dataCommitment);
            got = CalldataDA.negatedSum(data, 1 + k * e, e);
            if (got != share) revert BlobShareMismatch(k, got, share);
            pi[8] = 0;
        } else {
            pi[8] = cur.z | (k << CHALLENGE_BITS);
            cur.shareSum = addmod(cur.shareSum, share, BLS_MODULUS);
        }
        pi[9] = share >> 128;
        pi[10] = share & type(uint128).max;
        cur.queuePos = end;
        emit ChunkCommitted(cur.batch, k, pi);
    }

    function _checkDataLayout(bytes calldata data, uint256 chunks) private view {
        uint256 expected = (1 + chunks * chunkElements) * BYTES_PER_ELEMENT;
        if (data.length != expected) revert BadDataLength(data.length, expected);
        uint256 header = CalldataDA.element(data, 0);
        uint256 want = CalldataDA.header(depth, nTx, nQueue, nFee, chunks);
        if (header != want) revert BadDataHeader(header, want);
    }

    function _finalize(Heads memory h, uint256 batch, Batch memory b) private {
        uint256 fees = _feesBefore(b.queueEnd) - _feesBefore(h.finalizedQueue);
        h.finalizedBatches = uint40(batch);
        h.finalizedQueue = b.queueEnd;
        _heads = h;
        if (fees != 0) owed[b.committer][0] += fees;
        emit BatchFinalized(batch, _batchStateRoot[batch], b.queueEnd, fees);
    }

    function _revertFrom(Heads memory h, uint256 fromBatch) private {
        uint256 last = h.committedBatches;
        h.committedBatches = uint40(fromBatch - 1);
        h.committedQueue = _batches[fromBatch - 1].queueEnd;
        _heads = h;
        emit BatchesReverted(fromBatch, last);
    }

    function _fullyProven(uint256 batch) private view returns (bool) {
        uint256 n = _batches[batch].chunkCount;
        for (uint256 k; k < n; ++k) {
            if (_chunkSlots[_chunkKey(batch, k)] & PROVEN == 0) return false;
        }
        return true;
    }

    function _checkInputsInField(uint256[PUBLIC_INPUTS] memory pi) private pure {
        for (uint256 i; i < PUBLIC_INPUTS; ++i) {
            if (pi[i] >= FIELD_MODULUS) revert PublicInputOutOfField(i, pi[i]);
        }
    }

    function _inputsHash(uint256[PUBLIC_INPUTS] memory pi) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(pi))) & ~PROVEN;
    }

    /// @dev The verifier's answer, required to be exactly `true`; a revert or malformed answer
    /// counts as a rejection.
    function _verify(uint256[PUBLIC_INPUTS] memory pi, Groth16Proof memory proof) private view returns (bool) {
        (bool ok, bytes memory ret) =
            verifier.staticcall(abi.encodeCall(IChunkVerifier.verifyProof, (proof.a, proof.b, proof.c, pi)));
        return ok && ret.length == 32 && abi.decode(ret, (uint256)) == 1;
    }
}
