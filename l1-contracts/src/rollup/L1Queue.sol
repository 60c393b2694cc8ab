// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PoseidonCall} from "../poseidon/PoseidonCall.sol";
import {RollupBase} from "./RollupBase.sol";
import {SafeTransfer} from "./lib/SafeTransfer.sol";
import {
    AMOUNT_BITS,
    ETH_TOKEN_ID,
    FIELD_MODULUS,
    KIND_DEPOSIT,
    KIND_FORCED_TRANSFER,
    KIND_FORCED_WITHDRAW,
    KIND_SET_KEY
} from "./RollupTypes.sol";

/**
 * @title L1Queue
 * @notice The forced-inclusion queue: deposits of ETH and listed tokens, set-key, forced
 * transfer and forced withdraw. Each entry is hashed as protocol `queueEntryHash`
 * (`Poseidon(kind | index << 8 | tokenId << 40 | toIndex << 72, sender, amount, pubKeyX,
 * pubKeyY)`) into the chain `q_{n+1} = Poseidon(q_n, entryHash)`; the contract stores every
 * `q_n`, each entry's timestamp and the running sum of queue fees, and emits every field.
 * `sender` is always `msg.sender`: the circuit checks ownership and turns invalid entries
 * into no-ops (or refunds, for deposits).
 *
 * Anti-flood: every entry pays a queue fee in ETH, `queueFeeBase << (backlog / queueFeeStep)`,
 * where the backlog counts entries not yet consumed by a committed batch; 128 doublings is a
 * hard cap (`QueueFull`). The fee goes to whoever commits the batch that consumes the entry,
 * when it finalizes. Any ETH sent above `amount + fee` is returned.
 */
abstract contract L1Queue is RollupBase {
    error AmountTooLarge(uint256 amount);
    error IndexOutOfRange(uint256 index);
    error KeyOutOfField();
    error QueueFull(uint256 backlog);
    error FeeTooLow(uint256 required, uint256 paid);
    error RefundFailed();

    /// Everything a node needs to rebuild the entry and the chain. `index` is the deposit
    /// target (0 = new account), the keyed account or the forced source.
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

    uint256 public immutable queueFeeBase;
    uint256 public immutable queueFeeStep;

    constructor(uint256 feeBase, uint256 feeStep) {
        queueFeeBase = feeBase;
        queueFeeStep = feeStep;
    }

    // ------------------------------------------------------------------ operations

    /// @notice Deposits `amount` wei to account `toIndex` (0: a new account owned by the caller
    /// with key `(pubKeyX, pubKeyY)`, (0, 0) for none). Send `amount + queueFee()`.
    function depositETH(uint256 amount, uint256 toIndex, uint256 pubKeyX, uint256 pubKeyY) external payable nonReentrant {
        uint256 fee = _chargeFee(amount);
        custody[ETH_TOKEN_ID] += amount;
        _append(Entry(KIND_DEPOSIT, toIndex, ETH_TOKEN_ID, 0, amount, pubKeyX, pubKeyY), fee);
        _refundExcess(amount + fee);
    }

    /// @notice Deposits `amount` of listed token `tokenId` (approve first); the entry records
    /// what actually arrived. Send `queueFee()` in ETH.
    function depositToken(uint256 tokenId, uint256 amount, uint256 toIndex, uint256 pubKeyX, uint256 pubKeyY)
        external
        payable
        nonReentrant
    {
        if (tokenId == ETH_TOKEN_ID) revert UnknownToken(tokenId);
        address token = tokenAddress(tokenId);
        uint256 fee = _chargeFee(0);
        uint256 before = SafeTransfer.balanceOf(token, address(this));
        if (!SafeTransfer.tryTransferFrom(token, msg.sender, address(this), amount)) {
            revert TransferFailed(address(this), tokenId, amount);
        }
        uint256 received = SafeTransfer.balanceOf(token, address(this)) - before;
        custody[tokenId] += received;
        _append(Entry(KIND_DEPOSIT, toIndex, tokenId, 0, received, pubKeyX, pubKeyY), fee);
        _refundExcess(fee);
    }

    /// @notice Binds L2 key `(pubKeyX, pubKeyY)` to account `index` (the circuit checks that the
    /// caller owns it). Send `queueFee()`.
    function setKey(uint256 index, uint256 pubKeyX, uint256 pubKeyY) external payable nonReentrant {
        uint256 fee = _chargeFee(0);
        _append(Entry(KIND_SET_KEY, index, 0, 0, 0, pubKeyX, pubKeyY), fee);
        _refundExcess(fee);
    }

    /// @notice Moves `amount` from account `fromIndex` (owned by the caller) to `toIndex`
    /// without the sequencer. Send `queueFee()`.
    function forcedTransfer(uint256 fromIndex, uint256 toIndex, uint256 amount) external payable nonReentrant {
        uint256 fee = _chargeFee(0);
        _append(Entry(KIND_FORCED_TRANSFER, fromIndex, 0, toIndex, amount, 0, 0), fee);
        _refundExcess(fee);
    }

    /// @notice Withdraws `amount` from account `fromIndex` (owned by the caller) to the caller,
    /// through the exit tree, without the sequencer. Send `queueFee()`.
    function forcedWithdraw(uint256 fromIndex, uint256 amount) external payable nonReentrant {
        uint256 fee = _chargeFee(0);
        _append(Entry(KIND_FORCED_WITHDRAW, fromIndex, 0, 0, amount, 0, 0), fee);
        _refundExcess(fee);
    }

    // ------------------------------------------------------------------ views

    /// @notice The fee the next entry pays.
    function queueFee() public view returns (uint256) {
        Heads memory h = _heads;
        return _feeFor(h.queueLength - h.committedQueue);
    }

    /// @notice Entries ever appended.
    function queueLength() external view returns (uint256) {
        return _heads.queueLength;
    }

    /// @notice The chain value after `n` entries (`q_0 = 0`).
    function queueHashAt(uint256 n) external view returns (uint256) {
        if (n > _heads.queueLength) revert IndexOutOfRange(n);
        return _queueHashAt(n);
    }

    /// @notice When entry `pos` (0-based) was appended.
    function queueEntryTime(uint256 pos) external view returns (uint256) {
        if (pos >= _heads.queueLength) revert IndexOutOfRange(pos);
        return _entryTime(pos);
    }

    /// @notice Sum of the queue fees paid by entries [0, pos).
    function queueFeesBefore(uint256 pos) external view returns (uint256) {
        if (pos > _heads.queueLength) revert IndexOutOfRange(pos);
        return _feesBefore(pos);
    }

    // ------------------------------------------------------------------ internals

    function _feeFor(uint256 backlog) internal view returns (uint256) {
        uint256 doublings = backlog / queueFeeStep;
        if (doublings >= 128) revert QueueFull(backlog);
        return queueFeeBase << doublings;
    }

    /// @dev Checks that msg.value covers `amount` plus the current fee; returns the fee.
    function _chargeFee(uint256 amount) private view returns (uint256 fee) {
        Heads memory h = _heads;
        if (h.escapeMode) revert EscapeModeActive();
        fee = _feeFor(h.queueLength - h.committedQueue);
        if (msg.value < amount + fee) revert FeeTooLow(amount + fee, msg.value);
    }

    function _refundExcess(uint256 used) private {
        uint256 excess = msg.value - used;
        if (excess > 0 && !SafeTransfer.tryEthAllGas(msg.sender, excess)) revert RefundFailed();
    }

    /// @dev The fields of an entry before it is hashed.
    struct Entry {
        uint256 kind;
        uint256 index;
        uint256 tokenId;
        uint256 toIndex;
        uint256 amount;
        uint256 pubKeyX;
        uint256 pubKeyY;
    }

    function _append(Entry memory e, uint256 fee) private {
        uint256 indexLimit = uint256(1) << depth;
        if (e.index >= indexLimit) revert IndexOutOfRange(e.index);
        if (e.toIndex >= indexLimit) revert IndexOutOfRange(e.toIndex);
        if (e.amount >> AMOUNT_BITS != 0) revert AmountTooLarge(e.amount);
        if (e.pubKeyX >= FIELD_MODULUS || e.pubKeyY >= FIELD_MODULUS) revert KeyOutOfField();
        // tokenId < 2^32 holds: it is 0 or a listed id.
        Heads memory h = _heads;
        uint256 n = h.queueLength;
        uint256 header = e.kind | (e.index << 8) | (e.tokenId << 40) | (e.toIndex << 72);
        uint256 entryHash = PoseidonCall.hash5(_h5, header, uint160(msg.sender), e.amount, e.pubKeyX, e.pubKeyY);
        uint256 q = PoseidonCall.hash2(_h2, _queueHashAt(n), entryHash);
        _queueChain[n + 1] = q;
        uint256 cumulativeFee = _feesBefore(n) + fee;
        if (cumulativeFee >> 88 != 0) revert QueueFull(n - h.committedQueue);
        uint256 shift = (n & 1) * 128;
        uint256 meta = (block.timestamp | (cumulativeFee << 40)) << shift;
        _queueMeta[n >> 1] = (_queueMeta[n >> 1] & ~(((1 << 128) - 1) << shift)) | meta;
        h.queueLength = uint40(n + 1);
        _heads = h;
        _emitEntry(n, e, q, fee);
    }

    function _emitEntry(uint256 position, Entry memory e, uint256 q, uint256 fee) private {
        emit QueueEntryAdded(
            position, e.kind, msg.sender, e.index, e.tokenId, e.toIndex, e.amount, e.pubKeyX, e.pubKeyY, q, block.timestamp, fee
        );
    }
}
