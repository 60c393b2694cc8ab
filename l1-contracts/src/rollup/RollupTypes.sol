// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPoseidonT3, IPoseidonT4, IPoseidonT5, IPoseidonT6} from "../poseidon/IPoseidon.sol";

// Constants of the protocol (docs/protocol.md; protocol/constants.ts). Tests compare them with
// the TypeScript values.

// BN254 scalar field: every Poseidon input and every public input of a chunk proof is below it.
uint256 constant FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
// Public inputs of a chunk proof (PUBLIC_INPUT_NAMES): the eight of the transition, then
// blobChallenge (z | chunk index << 240), blobShareHi and blobShareLo.
uint256 constant PUBLIC_INPUTS = 11;
// BLS12-381 scalar field (EIP-4844 BLS_MODULUS): blob elements, the challenge, y and shares.
uint256 constant BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001;
// Bits of the challenge point z; the chunk index sits above them in public input 9.
uint256 constant CHALLENGE_BITS = 240;
// ASCII "cw-tx-v1": first input of the deployment domain `Poseidon(DOMAIN_TAG, chainid, rollup)`.
uint256 constant DOMAIN_TAG = 0x63772d74782d7631;
// Version byte of the data-availability encoding (batch header).
uint256 constant DA_VERSION = 1;
// Field elements per EIP-4844 blob, and data bytes per element.
uint256 constant BLOB_ELEMENTS = 4096;
uint256 constant BYTES_PER_ELEMENT = 31;
// Queue entry kinds (QUEUE_KIND).
uint256 constant KIND_DEPOSIT = 1;
uint256 constant KIND_SET_KEY = 2;
uint256 constant KIND_FORCED_TRANSFER = 3;
uint256 constant KIND_FORCED_WITHDRAW = 4;
// Token id of ETH; listed ERC-20 tokens get 1, 2, ...
uint256 constant ETH_TOKEN_ID = 0;
// Bit widths of packed values (BITS).
uint256 constant AMOUNT_BITS = 128;
uint256 constant INDEX_BITS = 32;
uint256 constant TOKEN_BITS = 32;
uint256 constant NONCE_BITS = 40;
// No key may change who sequences faster than this.
uint256 constant MIN_HANDOVER_DELAY = 30 days;

// What the sequencer claims for one chunk when it commits a batch. The contract derives the
// chunk's public inputs from it and from its own storage (see `docs/contracts.md`).
struct ChunkClaim {
    /// State root after the chunk, `Poseidon(accountRoot, nextIndex)`.
    uint256 newStateRoot;
    /// Absolute queue position after the chunk: it consumed entries [previous queueEnd, queueEnd).
    uint256 queueEnd;
    /// Root of the chunk's exit tree.
    uint256 exitRoot;
    /// `Poseidon(firstSeq, txCount, txListRoot)`.
    uint256 txListCommitment;
    /// Poseidon chain over the chunk's DA field elements.
    uint256 dataCommitment;
    /// The chunk's share of the blob's value at the challenge, below BLS_MODULUS (protocol
    /// `chunkShare`). On the calldata path it must be `-sum of the chunk's elements mod r`.
    uint256 blobShare;
}

// The opening of the batch's blob at the challenge, checked with the point-evaluation
// precompile: the value `y`, the blob's 48-byte KZG commitment and the 48-byte KZG proof.
struct BlobOpening {
    uint256 y;
    bytes commitment;
    bytes proof;
}

// A Groth16 proof in the layout of the snarkjs-generated verifier (G2 coordinates as (c1, c0)).
struct Groth16Proof {
    uint256[2] a;
    uint256[2][2] b;
    uint256[2] c;
}

// One account leaf, as `Poseidon(pubKeyX, pubKeyY, balance, owner | tokenId << 160 | nonce << 192)`.
struct AccountLeaf {
    uint256 pubKeyX;
    uint256 pubKeyY;
    uint256 balance;
    address owner;
    uint256 tokenId;
    uint256 nonce;
}

// The immutable configuration of a deployment (constructor argument).
struct RollupConfig {
    /// Chunk shape (`ChunkParams`): account tree depth, L2 slots, queue slots, fee accounts.
    uint256 depth;
    uint256 nTx;
    uint256 nQueue;
    uint256 nFee;
    /// Groth16 verifier of the chunk circuit for exactly these parameters.
    address verifier;
    /// Poseidon hashers of 2, 3, 4 and 5 inputs (generated artifacts PoseidonT3..T6).
    IPoseidonT3 poseidon2;
    IPoseidonT4 poseidon3;
    IPoseidonT5 poseidon4;
    IPoseidonT6 poseidon5;
    /// The first sequencer (non-zero). It must post `minBond` before it can commit.
    address sequencer;
    /// Seconds a queue entry may wait before a batch that leaves it unconsumed is refused and
    /// anyone may commit-and-prove.
    uint256 inclusionDelay;
    /// Seconds after its commit within which a batch must be proven; after that anyone may revert it.
    uint256 proofWindow;
    /// Seconds an entry may stay unconsumed by finalized batches before anyone may start escape
    /// mode. Must exceed `inclusionDelay + proofWindow`.
    uint256 escapeDelay;
    /// Timelock of a sequencer handover; at least 30 days.
    uint256 handoverDelay;
    /// Bond the sequencer must hold (not requested for withdrawal) to commit.
    uint256 minBond;
    /// Delay between a bond withdrawal request and the withdrawal.
    uint256 bondWithdrawalDelay;
    /// Queue fee (wei) per entry while the backlog is below `queueFeeStep`.
    uint256 queueFeeBase;
    /// The fee doubles for every `queueFeeStep` entries of backlog; 128 steps is a hard cap.
    uint256 queueFeeStep;
}

// A deposit entry as `QueueEntryAdded` emitted it (for escape-mode refunds).
struct DepositEntry {
    address sender;
    uint256 toIndex;
    uint256 tokenId;
    uint256 amount;
    uint256 pubKeyX;
    uint256 pubKeyY;
}
