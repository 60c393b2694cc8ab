// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPoseidonT3, IPoseidonT4, IPoseidonT5, IPoseidonT6} from "../poseidon/IPoseidon.sol";
import {PoseidonCall} from "../poseidon/PoseidonCall.sol";
import {ChunkShape} from "./lib/ChunkShape.sol";
import {SafeTransfer} from "./lib/SafeTransfer.sol";
import {
    DOMAIN_TAG,
    ETH_TOKEN_ID,
    FIELD_MODULUS,
    MIN_HANDOVER_DELAY,
    RollupConfig
} from "./RollupTypes.sol";

/**
 * @title RollupBase
 * @notice What every part of the rollup shares: the immutable configuration, the heads of the
 * queue and of the batch chain, the batch records, the token registry and the custody ledger
 * through which every payout goes. The parts (`L1Queue`, `Batches`, `Exits`, `SequencerRole`)
 * inherit it and `CounterweightRollup` puts them together; `EscapeHatch` inherits it alone and
 * runs on the rollup's storage by delegatecall (so its state variables must stay first here).
 * @dev No function here or anywhere in the rollup can change the configuration, the verifier
 * or the hashers: they are immutables. See docs/contracts.md.
 */
abstract contract RollupBase {
    // ------------------------------------------------------------------ errors

    error InvalidConfig(string what);
    error EscapeModeActive();
    error Reentrancy();
    error UnknownToken(uint256 tokenId);
    error TokenAlreadyListed(address token, uint256 tokenId);
    error NotAContract(address token);
    error TooManyTokens();
    error InsufficientCustody(uint256 tokenId, uint256 held, uint256 amount);
    error NothingOwed(address account, uint256 tokenId);
    error TransferFailed(address to, uint256 tokenId, uint256 amount);

    // ------------------------------------------------------------------ events

    event TokenListed(uint256 indexed tokenId, address indexed token);
    /// A payout could not be delivered (the recipient refused ETH, the token refused the
    /// transfer); the recipient withdraws it later with `withdrawOwed`.
    event PayoutDeferred(address indexed recipient, uint256 indexed tokenId, uint256 amount);
    event OwedWithdrawn(address indexed account, uint256 indexed tokenId, address to, uint256 amount);

    // ------------------------------------------------------------------ configuration

    /// Chunk parameters and what follows from them.
    uint256 public immutable depth;
    uint256 public immutable nTx;
    uint256 public immutable nQueue;
    uint256 public immutable nFee;
    /// Blob field elements per chunk, chunks per batch (one blob), exit tree depth.
    uint256 public immutable chunkElements;
    uint256 public immutable maxChunksPerBatch;
    uint256 public immutable exitDepth;

    address public immutable verifier;
    IPoseidonT3 internal immutable _h2;
    IPoseidonT4 internal immutable _h3;
    IPoseidonT5 internal immutable _h4;
    IPoseidonT6 internal immutable _h5;

    uint256 public immutable inclusionDelay;
    uint256 public immutable proofWindow;
    uint256 public immutable escapeDelay;

    /// `Poseidon(DOMAIN_TAG, block.chainid, address(this))`: public input 8 of every chunk proof.
    uint256 public immutable domain;
    /// `Poseidon(emptyAccountRoot(depth), 1)`: the state before the first batch.
    uint256 public immutable genesisStateRoot;

    // ------------------------------------------------------------------ state

    /// Positions and counters that move together, in one slot.
    struct Heads {
        /// Entries ever appended to the queue.
        uint40 queueLength;
        /// Queue position after the last committed (resp. finalized) batch.
        uint40 committedQueue;
        uint40 finalizedQueue;
        /// Number of the last committed (resp. finalized) batch; batch 0 is the genesis.
        uint40 committedBatches;
        uint40 finalizedBatches;
        bool escapeMode;
    }

    /// One committed batch (one slot). Its state root and data hash live in their own
    /// mappings; whether its data is in a blob or in calldata is in its `BatchCommitted` event.
    struct Batch {
        /// Queue position after the batch.
        uint40 queueEnd;
        uint40 committedAt;
        uint16 chunkCount;
        /// Who committed it: receives the queue fees of the entries it consumed at finalization.
        address committer;
    }

    Heads internal _heads;
    mapping(uint256 batch => Batch) internal _batches;
    mapping(uint256 batch => uint256) internal _batchStateRoot;
    mapping(uint256 batch => bytes32) internal _batchDataHash;
    /// Per chunk (key `batch << 16 | chunk`): while unproven, the keccak of its eleven public
    /// inputs with the top bit clear; once proven, `keccak256(exitRoot, txListCommitment)` with
    /// the top bit set (`_provenValue`): exit claims and the slasher give both preimages.
    mapping(uint256 key => uint256) internal _chunkSlots;
    uint256 internal constant PROVEN = 1 << 255;

    /// Queue chain values `q_n` for n >= 1 (`q_0 = 0`).
    mapping(uint256 n => uint256) internal _queueChain;
    /// Two entries per slot, 128 bits each: `timestamp (40 bits) | cumulative fee (88) << 40`.
    /// 2^88 wei is more than twice all the ether there is.
    mapping(uint256 pair => uint256) internal _queueMeta;

    /// Listed ERC-20 tokens: `_tokens[id - 1]`; `_tokenIds[token] = id`.
    address[] internal _tokens;
    mapping(address token => uint256) internal _tokenIds;

    /// Per token: what the contract holds for users (deposits in, exits and refunds out). A
    /// payout never exceeds it, so sequencer bonds and queue fees are out of reach of exits.
    mapping(uint256 tokenId => uint256) public custody;
    /// Payouts that could not be delivered, and earned queue fees (token 0).
    mapping(address account => mapping(uint256 tokenId => uint256)) public owed;

    bool private transient _entered;

    modifier nonReentrant() {
        if (_entered) revert Reentrancy();
        _entered = true;
        _;
        _entered = false;
    }

    constructor(RollupConfig memory c) {
        if (c.depth < 2 || c.depth > 32) revert InvalidConfig("depth");
        if (c.nTx < 1 || c.nTx > 4096) revert InvalidConfig("nTx");
        if (c.nQueue < 1 || c.nQueue > 1024) revert InvalidConfig("nQueue");
        if (c.nFee < 1 || c.nFee > 16) revert InvalidConfig("nFee");
        if (c.verifier.code.length == 0) revert InvalidConfig("verifier");
        if (address(c.poseidon2).code.length == 0 || address(c.poseidon3).code.length == 0) revert InvalidConfig("hasher");
        if (address(c.poseidon4).code.length == 0 || address(c.poseidon5).code.length == 0) revert InvalidConfig("hasher");
        if (c.sequencer == address(0)) revert InvalidConfig("sequencer");
        if (c.inclusionDelay == 0 || c.proofWindow == 0) revert InvalidConfig("delays");
        if (c.escapeDelay <= c.inclusionDelay + c.proofWindow) revert InvalidConfig("escapeDelay");
        if (c.handoverDelay < MIN_HANDOVER_DELAY) revert InvalidConfig("handoverDelay");
        if (c.queueFeeStep == 0 || c.queueFeeStep > type(uint32).max) revert InvalidConfig("queueFeeStep");

        depth = c.depth;
        nTx = c.nTx;
        nQueue = c.nQueue;
        nFee = c.nFee;
        uint256 e = ChunkShape.chunkElements(c.depth, c.nTx, c.nQueue, c.nFee);
        chunkElements = e;
        maxChunksPerBatch = ChunkShape.maxChunks(e);
        exitDepth = ChunkShape.ceilLog2(c.nQueue + c.nTx);
        if (maxChunksPerBatch == 0) revert InvalidConfig("chunk larger than a blob");

        verifier = c.verifier;
        _h2 = c.poseidon2;
        _h3 = c.poseidon3;
        _h4 = c.poseidon4;
        _h5 = c.poseidon5;
        inclusionDelay = c.inclusionDelay;
        proofWindow = c.proofWindow;
        escapeDelay = c.escapeDelay;

        domain = PoseidonCall.hash3(c.poseidon3, DOMAIN_TAG, block.chainid, uint160(address(this)));
        uint256 z; // empty subtree roots: z_0 = 0, z_{k+1} = Poseidon(z_k, z_k)
        for (uint256 k; k < c.depth; ++k) z = PoseidonCall.hash2(c.poseidon2, z, z);
        uint256 genesis = PoseidonCall.hash2(c.poseidon2, z, 1);
        genesisStateRoot = genesis;
        _batchStateRoot[0] = genesis;
    }

    // ------------------------------------------------------------------ tokens

    /// @notice Lists an ERC-20 token; anyone may. It gets the next id (1, 2, ...). Tokens whose
    /// balances change on their own (rebasing) are not supported; fee-on-transfer tokens are
    /// credited with what actually arrives.
    function listToken(address token) external returns (uint256 tokenId) {
        if (_heads.escapeMode) revert EscapeModeActive();
        uint256 existing = _tokenIds[token];
        if (existing != 0) revert TokenAlreadyListed(token, existing);
        if (token.code.length == 0) revert NotAContract(token);
        _tokens.push(token);
        tokenId = _tokens.length;
        if (tokenId >= 1 << 32) revert TooManyTokens();
        _tokenIds[token] = tokenId;
        emit TokenListed(tokenId, token);
    }

    /// @notice The ERC-20 contract of `tokenId` (address(0) for ETH); reverts for an unlisted id.
    function tokenAddress(uint256 tokenId) public view returns (address) {
        if (tokenId == ETH_TOKEN_ID) return address(0);
        if (tokenId > _tokens.length) revert UnknownToken(tokenId);
        return _tokens[tokenId - 1];
    }

    /// @notice The id of a listed token (0 if not listed; ETH is 0 too).
    function tokenIdOf(address token) external view returns (uint256) {
        return _tokenIds[token];
    }

    /// @notice Number of listed ERC-20 tokens (the last id).
    function tokenCount() external view returns (uint256) {
        return _tokens.length;
    }

    // ------------------------------------------------------------------ payouts

    /// @notice Withdraws what the contract owes the caller in `tokenId` (undeliverable payouts,
    /// earned queue fees) to `to`.
    function withdrawOwed(uint256 tokenId, address to) external nonReentrant {
        uint256 amount = owed[msg.sender][tokenId];
        if (amount == 0) revert NothingOwed(msg.sender, tokenId);
        owed[msg.sender][tokenId] = 0;
        bool ok = tokenId == ETH_TOKEN_ID
            ? SafeTransfer.tryEthAllGas(to, amount)
            : SafeTransfer.tryTransfer(tokenAddress(tokenId), to, amount);
        if (!ok) revert TransferFailed(to, tokenId, amount);
        emit OwedWithdrawn(msg.sender, tokenId, to, amount);
    }

    /// @dev Pays `amount` of `tokenId` held for users to `to`: out of custody, delivered now or
    /// owed if the recipient or the token refuses.
    function _payFromCustody(address to, uint256 tokenId, uint256 amount) internal {
        uint256 held = custody[tokenId];
        if (amount > held) revert InsufficientCustody(tokenId, held, amount);
        custody[tokenId] = held - amount;
        if (amount == 0) return;
        bool ok = tokenId == ETH_TOKEN_ID
            ? SafeTransfer.tryEth(to, amount)
            : SafeTransfer.tryTransfer(tokenAddress(tokenId), to, amount);
        if (!ok) {
            owed[to][tokenId] += amount;
            emit PayoutDeferred(to, tokenId, amount);
        }
    }

    // ------------------------------------------------------------------ shared reads

    /// @dev Queue chain value after `n` entries.
    function _queueHashAt(uint256 n) internal view returns (uint256) {
        return n == 0 ? 0 : _queueChain[n];
    }

    /// @dev Timestamp of entry `pos`.
    function _entryTime(uint256 pos) internal view returns (uint256) {
        return (_queueMeta[pos >> 1] >> ((pos & 1) * 128)) & ((1 << 40) - 1);
    }

    /// @dev Sum of the queue fees paid by entries [0, pos).
    function _feesBefore(uint256 pos) internal view returns (uint256) {
        if (pos == 0) return 0;
        uint256 p = pos - 1;
        return (_queueMeta[p >> 1] >> ((p & 1) * 128 + 40)) & ((1 << 88) - 1);
    }

    /// @dev True if entry `pos` exists and has waited longer than `delay`.
    function _waitedLonger(uint256 pos, uint256 length, uint256 delay) internal view returns (bool) {
        return pos < length && block.timestamp > _entryTime(pos) + delay;
    }

    /// @dev The slot value of a proven chunk: its two outputs that outlive the proof, folded.
    function _provenValue(uint256 exitRoot, uint256 txListCommitment) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(exitRoot, txListCommitment))) | PROVEN;
    }

    function _chunkKey(uint256 batch, uint256 chunk) internal pure returns (uint256) {
        return (batch << 16) | chunk;
    }

    function _requireField(uint256 v) internal pure returns (bool) {
        return v < FIELD_MODULUS;
    }
}
