// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPoseidonT3, IPoseidonT4} from "../poseidon/IPoseidon.sol";
import {PoseidonCall} from "../poseidon/PoseidonCall.sol";
import {PoseidonMerkle} from "../rollup/lib/PoseidonMerkle.sol";
import {ISlashableRollup} from "./ISlashableRollup.sol";

/**
 * @title PreconfirmationSlasher
 * @notice Holds the sequencer to its preconfirmations (docs/rpc.md, docs/contracts.md "What a
 * preconfirmation promises"). A preconfirmation is a leaf
 * `Preconfirmation(uint64 sequence,bytes32 txHash,uint64 l1Deadline)` of a positional keccak
 * Merkle tree whose root the sequencer signs as the EIP-712 struct
 * `PreconfirmationGroup(uint64 firstSequence,uint64 count,bytes32 root)` in the domain
 * `("Counterweight", "1", chainid, rollup)`. Anyone may show that a promise was broken:
 *
 * - `slashReordered`: a finalized batch committed by the signer holds another transaction at
 *   that sequence number (Poseidon proof of the leaf `Poseidon(sequence, otherTxHash)` in the
 *   chunk's transaction list, whose commitment the rollup keeps folded with the exit root);
 * - `slashMissed`: the deadline has passed and the last committed chunk ends before that
 *   sequence number (the signer is still the sequencer);
 * - `slashEquivocation`: the signer signed two different transactions for one sequence number.
 *
 * Each takes `minBond` from the signer's bond (or what is left), half of it owed to the caller,
 * once per sequence number. Created by the rollup's constructor; no owner.
 */
contract PreconfirmationSlasher {
    /// A signed promise: the leaf, its group and the group's signature (65 bytes r ‖ s ‖ v).
    struct SignedPreconfirmation {
        uint64 sequence;
        bytes32 txHash;
        uint64 l1Deadline;
        uint64 firstSequence;
        uint64 count;
        bytes32[] proof;
        bytes signature;
    }

    /// A chunk's transaction list opened at one slot: `Poseidon(firstSeq, txCount, root)` is the
    /// chunk's commitment, `Poseidon(sequence, txHash)` sits at `slot` under `root`, and
    /// `exitRoot` is the chunk's exit root (the rollup keeps `keccak256(exitRoot, commitment)`).
    struct TxListOpening {
        uint256 batch;
        uint256 chunk;
        uint256 firstSeq;
        uint256 txCount;
        uint256 root;
        uint256 slot;
        uint256 txHash;
        uint256[] siblings;
        uint256 exitRoot;
    }

    error BadGroup();
    error BadProofLength(uint256 length, uint256 expected);
    error BadSignature();
    error WrongSigner(address signer, address expected);
    error AlreadySlashed(uint256 sequence);
    error BatchNotFinalized(uint256 batch);
    error UnknownChunk(uint256 batch, uint256 chunk);
    error TxListMismatch();
    error SameTransaction();
    error DeadlineNotPassed(uint256 deadline);
    error SequenceCommitted(uint256 committedUpTo);
    error NotLastChunk();

    /// `amount` was taken from `signer`'s bond for the promise of `sequence`; half of it is owed
    /// to `reporter` by the rollup (`owed(reporter, 0)`, `withdrawOwed`).
    event PreconfirmationSlashed(
        uint256 indexed sequence, address indexed signer, address indexed reporter, uint8 reason, uint256 amount
    );

    uint8 public constant REORDERED = 1;
    uint8 public constant MISSED = 2;
    uint8 public constant EQUIVOCATED = 3;
    uint256 public constant MAX_GROUP = 1024;
    /// Public inputs of a chunk proof; the top bit of the rollup's per-chunk value.
    uint256 private constant PUBLIC_INPUTS = 11;
    uint256 private constant PROVEN_BIT = 1 << 255;

    bytes32 public constant LEAF_TYPEHASH = keccak256("Preconfirmation(uint64 sequence,bytes32 txHash,uint64 l1Deadline)");
    bytes32 public constant GROUP_TYPEHASH =
        keccak256("PreconfirmationGroup(uint64 firstSequence,uint64 count,bytes32 root)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    uint256 private constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    ISlashableRollup public immutable rollup;
    IPoseidonT3 internal immutable _h2;
    IPoseidonT4 internal immutable _h3;

    /// Sequence numbers already slashed for.
    mapping(uint256 sequence => bool) public slashed;

    constructor(address rollup_, IPoseidonT3 poseidon2, IPoseidonT4 poseidon3) {
        rollup = ISlashableRollup(rollup_);
        _h2 = poseidon2;
        _h3 = poseidon3;
    }

    /// @notice Slashes the signer of `p` when finalized chunk `o.chunk` of batch `o.batch`,
    /// committed by the signer, holds transaction `o.txHash != p.txHash` at `p.sequence`.
    function slashReordered(SignedPreconfirmation calldata p, TxListOpening calldata o) external returns (uint256) {
        address signer = signerOf(p);
        (,,,, uint256 finalized,) = rollup.heads();
        if (o.batch == 0 || o.batch > finalized) revert BatchNotFinalized(o.batch);
        (ISlashableRollup.BatchRecord memory b,,) = rollup.batchInfo(o.batch);
        if (b.committer != signer) revert WrongSigner(signer, b.committer);
        if (o.chunk >= b.chunkCount) revert UnknownChunk(o.batch, o.chunk);
        if (o.txHash == uint256(p.txHash)) revert SameTransaction();
        _checkOpening(o, p.sequence);
        return _slash(p.sequence, signer, REORDERED);
    }

    /// @notice Slashes the sequencer when `p`, signed by it, is past its deadline and the last
    /// committed chunk ends at or before `p.sequence`. `firstSeq`, `txCount`, `root` are the
    /// preimage of that chunk's `txListCommitment` and `chunkInputs` its eleven public inputs
    /// (`ChunkCommitted`; proven or not). With no batch committed both are ignored.
    function slashMissed(
        SignedPreconfirmation calldata p,
        uint256 firstSeq,
        uint256 txCount,
        uint256 root,
        uint256[] calldata chunkInputs
    ) external returns (uint256) {
        if (block.timestamp <= p.l1Deadline) revert DeadlineNotPassed(p.l1Deadline);
        address signer = signerOf(p);
        address current = rollup.sequencer();
        if (signer != current) revert WrongSigner(signer, current);
        (,,, uint256 committed,,) = rollup.heads();
        if (committed != 0) {
            (ISlashableRollup.BatchRecord memory b,,) = rollup.batchInfo(committed);
            if (chunkInputs.length != PUBLIC_INPUTS) revert BadProofLength(chunkInputs.length, PUBLIC_INPUTS);
            (bool proven, uint256 value) = rollup.chunkState(committed, b.chunkCount - 1);
            uint256 stored = proven
                ? uint256(keccak256(abi.encode(chunkInputs[4], chunkInputs[5])))
                : uint256(keccak256(abi.encodePacked(chunkInputs)));
            if (stored & ~PROVEN_BIT != value) revert TxListMismatch();
            if (PoseidonCall.hash3(_h3, firstSeq, txCount, root) != chunkInputs[5]) revert TxListMismatch();
            if (firstSeq + txCount > p.sequence) revert SequenceCommitted(firstSeq + txCount);
        }
        return _slash(p.sequence, signer, MISSED);
    }

    /// @notice Slashes the signer of two promises of different transactions for one sequence
    /// number.
    function slashEquivocation(SignedPreconfirmation calldata p, SignedPreconfirmation calldata q)
        external
        returns (uint256)
    {
        address signer = signerOf(p);
        address other = signerOf(q);
        if (other != signer) revert WrongSigner(other, signer);
        if (p.sequence != q.sequence) revert BadGroup();
        if (p.txHash == q.txHash) revert SameTransaction();
        return _slash(p.sequence, signer, EQUIVOCATED);
    }

    /// @notice The address that signed the group holding `p` (checks the leaf's Merkle proof,
    /// the group bounds and a canonical signature); reverts if any check fails.
    function signerOf(SignedPreconfirmation calldata p) public view returns (address signer) {
        uint256 count = p.count;
        if (count == 0 || count > MAX_GROUP || p.sequence < p.firstSequence || p.sequence - p.firstSequence >= count) {
            revert BadGroup();
        }
        uint256 depth;
        while ((uint256(1) << depth) < count) ++depth;
        if (p.proof.length != depth) revert BadProofLength(p.proof.length, depth);
        bytes32 node = keccak256(abi.encode(LEAF_TYPEHASH, p.sequence, p.txHash, p.l1Deadline));
        uint256 index = p.sequence - p.firstSequence;
        for (uint256 d; d < depth; ++d) {
            node = (index >> d) & 1 == 1
                ? keccak256(abi.encodePacked(p.proof[d], node))
                : keccak256(abi.encodePacked(node, p.proof[d]));
        }
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01", domainSeparator(), keccak256(abi.encode(GROUP_TYPEHASH, p.firstSequence, p.count, node))
            )
        );
        bytes calldata sig = p.signature;
        if (sig.length != 65) revert BadSignature();
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (uint256(s) > HALF_N || (v != 27 && v != 28)) revert BadSignature();
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert BadSignature();
    }

    /// @notice The EIP-712 domain separator of the rollup's preconfirmations on this chain.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Counterweight"), keccak256("1"), block.chainid, address(rollup))
        );
    }

    function _checkOpening(TxListOpening calldata o, uint256 sequence) private view {
        (bool proven, uint256 value) = rollup.chunkState(o.batch, o.chunk);
        uint256 c = PoseidonCall.hash3(_h3, o.firstSeq, o.txCount, o.root);
        if (!proven || uint256(keccak256(abi.encode(o.exitRoot, c))) & ~PROVEN_BIT != value) revert TxListMismatch();
        uint256 n = rollup.nTx();
        uint256 depth;
        while ((uint256(1) << depth) < n) ++depth;
        if (o.siblings.length != depth) revert BadProofLength(o.siblings.length, depth);
        if (o.slot >= n) revert TxListMismatch();
        uint256 leaf = PoseidonCall.hash2(_h2, sequence, o.txHash);
        if (PoseidonMerkle.root(_h2, leaf, o.slot, o.siblings) != o.root) revert TxListMismatch();
    }

    function _slash(uint256 sequence, address signer, uint8 reason) private returns (uint256 amount) {
        if (slashed[sequence]) revert AlreadySlashed(sequence);
        slashed[sequence] = true;
        amount = rollup.minBond();
        uint256 bond = rollup.bondOf(signer);
        if (bond < amount) amount = bond;
        rollup.slashBond(signer, amount, msg.sender);
        emit PreconfirmationSlashed(sequence, signer, msg.sender, reason, amount);
    }
}
