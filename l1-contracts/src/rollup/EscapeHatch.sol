// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PoseidonCall} from "../poseidon/PoseidonCall.sol";
import {RollupBase} from "./RollupBase.sol";
import {PoseidonMerkle} from "./lib/PoseidonMerkle.sol";
import {
    AccountLeaf,
    AMOUNT_BITS,
    DepositEntry,
    FIELD_MODULUS,
    INDEX_BITS,
    KIND_DEPOSIT,
    NONCE_BITS,
    RollupConfig,
    TOKEN_BITS
} from "./RollupTypes.sol";

/**
 * @title EscapeHatch
 * @notice When the operator stops: once an entry has stayed unconsumed by finalized batches
 * longer than `escapeDelay`, anyone switches the contract into escape mode. It is
 * irreversible: the state freezes at the last finalized state root, no batch, proof or queue
 * entry is accepted any more, and
 * - every account is paid out once, to the owner its leaf names (whoever sends the proof):
 *   the caller gives the account root and next index behind the frozen state root and the
 *   leaf with its Merkle proof;
 * - every deposit not consumed by a finalized batch is refunded once to its sender (the caller
 *   restates the entry; the contract checks it against the stored queue chain);
 * - exits of finalized chunks stay claimable (`claimExit`).
 *
 * Deployed by the rollup's constructor (`escapeHatch()`) and run only on the rollup's storage:
 * the rollup's fallback delegatecalls it, so users call these functions on the rollup's address
 * (its generated ABI lists them). It inherits `RollupBase` alone, whose state comes first in the
 * rollup's layout too, and keeps its own bitmaps in a namespaced slot. Called directly it
 * refuses (`NotDelegated`).
 */
contract EscapeHatch is RollupBase {
    error NotDelegated();
    error WrongProofLength(uint256 length, uint256 expected);
    error IndexOutOfRange(uint256 index);
    error EscapeNotAvailable(uint256 position, uint256 availableAt);
    error EscapeModeInactive();
    error AccountIndexOutOfRange(uint256 index);
    error AccountAlreadyWithdrawn(uint256 index);
    error LeafFieldOutOfRange();
    error StateRootMismatch(uint256 computed, uint256 frozen);
    error InvalidAccountProof();
    error EntryAlreadyConsumed(uint256 position);
    error DepositAlreadyRefunded(uint256 position);
    error EntryMismatch(uint256 position);

    event EscapeModeActivated(uint256 stateRoot, uint256 finalizedBatch, uint256 overduePosition);
    event EscapeWithdrawal(uint256 indexed accountIndex, address indexed owner, uint256 tokenId, uint256 amount);
    event DepositRefunded(uint256 indexed position, address indexed sender, uint256 tokenId, uint256 amount);

    /// @custom:storage-location erc7201:counterweight.escape
    struct EscapeStorage {
        mapping(uint256 word => uint256) withdrawnAccounts;
        mapping(uint256 word => uint256) refundedDeposits;
    }

    /// `keccak256(abi.encode(uint256(keccak256("counterweight.escape")) - 1)) & ~0xff` (ERC-7201).
    bytes32 private constant ESCAPE_STORAGE =
        keccak256(abi.encode(uint256(keccak256("counterweight.escape")) - 1)) & ~bytes32(uint256(0xff));

    /// This contract's own address: in a delegatecall `address(this)` is the rollup's.
    address private immutable _self;

    constructor(RollupConfig memory config) RollupBase(config) {
        _self = address(this);
    }

    modifier onlyDelegated() {
        if (address(this) == _self) revert NotDelegated();
        _;
    }

    function _escape() private pure returns (EscapeStorage storage s) {
        bytes32 slot = ESCAPE_STORAGE;
        assembly {
            s.slot := slot
        }
    }

    /// @dev The entry hash of a deposit, after range checks that keep the packed header
    /// unambiguous (an oversized index must not spill into the token id bits).
    function _depositHash(uint256 position, DepositEntry calldata d) private view returns (uint256) {
        if (d.toIndex >> INDEX_BITS != 0 || d.tokenId >> TOKEN_BITS != 0 || d.amount >> AMOUNT_BITS != 0) {
            revert EntryMismatch(position);
        }
        if (d.pubKeyX >= FIELD_MODULUS || d.pubKeyY >= FIELD_MODULUS) revert EntryMismatch(position);
        uint256 header = KIND_DEPOSIT | (d.toIndex << 8) | (d.tokenId << 40);
        return PoseidonCall.hash5(_h5, header, uint160(d.sender), d.amount, d.pubKeyX, d.pubKeyY);
    }

    /// @notice Starts escape mode, if the oldest entry not consumed by a finalized batch has
    /// waited longer than `escapeDelay`. Anyone may; there is no way back.
    function activateEscapeMode() external onlyDelegated {
        Heads memory h = _heads;
        if (h.escapeMode) revert EscapeModeActive();
        uint256 pos = h.finalizedQueue;
        if (!_waitedLonger(pos, h.queueLength, escapeDelay)) {
            revert EscapeNotAvailable(pos, pos < h.queueLength ? _entryTime(pos) + escapeDelay + 1 : type(uint256).max);
        }
        h.escapeMode = true;
        _heads = h;
        emit EscapeModeActivated(_batchStateRoot[h.finalizedBatches], h.finalizedBatches, pos);
    }

    /// @notice True once escape mode has started.
    function escapeMode() external view onlyDelegated returns (bool) {
        return _heads.escapeMode;
    }

    /// @notice Pays account `accountIndex`'s balance to its owner, once. `accountRoot` and
    /// `nextIndex` must hash to the frozen state root; `siblings` (bottom-up, `depth` of them)
    /// prove `leaf` under `accountRoot`.
    function escapeWithdraw(
        uint256 accountIndex,
        AccountLeaf calldata leaf,
        uint256 accountRoot,
        uint256 nextIndex,
        uint256[] calldata siblings
    ) external onlyDelegated nonReentrant {
        Heads memory h = _heads;
        if (!h.escapeMode) revert EscapeModeInactive();
        if (accountIndex == 0 || accountIndex >= uint256(1) << depth) revert AccountIndexOutOfRange(accountIndex);
        if (siblings.length != depth) revert WrongProofLength(siblings.length, depth);
        uint256 word = accountIndex >> 8;
        uint256 bit = uint256(1) << (accountIndex & 255);
        uint256 bits = _escape().withdrawnAccounts[word];
        if (bits & bit != 0) revert AccountAlreadyWithdrawn(accountIndex);
        uint256 frozen = _batchStateRoot[h.finalizedBatches];
        uint256 computed = PoseidonCall.hash2(_h2, accountRoot, nextIndex);
        if (computed != frozen) revert StateRootMismatch(computed, frozen);
        if (PoseidonMerkle.root(_h2, _accountLeafHash(leaf), accountIndex, siblings) != accountRoot) {
            revert InvalidAccountProof();
        }
        _escape().withdrawnAccounts[word] = bits | bit;
        emit EscapeWithdrawal(accountIndex, leaf.owner, leaf.tokenId, leaf.balance);
        _payFromCustody(leaf.owner, leaf.tokenId, leaf.balance);
    }

    /// @dev `Poseidon(pubKeyX, pubKeyY, balance, owner | tokenId << 160 | nonce << 192)`, after
    /// range checks that keep the packed word unambiguous.
    function _accountLeafHash(AccountLeaf calldata leaf) private view returns (uint256) {
        if (
            leaf.balance >> AMOUNT_BITS != 0 || leaf.tokenId >> TOKEN_BITS != 0 || leaf.nonce >> NONCE_BITS != 0
                || leaf.pubKeyX >= FIELD_MODULUS || leaf.pubKeyY >= FIELD_MODULUS
        ) revert LeafFieldOutOfRange();
        uint256 tail = uint256(uint160(leaf.owner)) | (leaf.tokenId << 160) | (leaf.nonce << 192);
        return PoseidonCall.hash4(_h4, leaf.pubKeyX, leaf.pubKeyY, leaf.balance, tail);
    }

    /// @notice Refunds the deposit at queue `position` (not consumed by a finalized batch) to its
    /// sender, once. The caller restates the entry's fields as `QueueEntryAdded` emitted them.
    function escapeRefundDeposit(uint256 position, DepositEntry calldata d) external onlyDelegated nonReentrant {
        Heads memory h = _heads;
        if (!h.escapeMode) revert EscapeModeInactive();
        if (position < h.finalizedQueue) revert EntryAlreadyConsumed(position);
        if (position >= h.queueLength) revert IndexOutOfRange(position);
        uint256 word = position >> 8;
        uint256 bit = uint256(1) << (position & 255);
        uint256 bits = _escape().refundedDeposits[word];
        if (bits & bit != 0) revert DepositAlreadyRefunded(position);
        if (PoseidonCall.hash2(_h2, _queueHashAt(position), _depositHash(position, d)) != _queueChain[position + 1]) {
            revert EntryMismatch(position);
        }
        _escape().refundedDeposits[word] = bits | bit;
        emit DepositRefunded(position, d.sender, d.tokenId, d.amount);
        _payFromCustody(d.sender, d.tokenId, d.amount);
    }

    /// @notice True once account `accountIndex` was paid out in escape mode.
    function isAccountWithdrawn(uint256 accountIndex) external view onlyDelegated returns (bool) {
        return _escape().withdrawnAccounts[accountIndex >> 8] & (uint256(1) << (accountIndex & 255)) != 0;
    }

    /// @notice True once the deposit at `position` was refunded in escape mode.
    function isDepositRefunded(uint256 position) external view onlyDelegated returns (bool) {
        return _escape().refundedDeposits[position >> 8] & (uint256(1) << (position & 255)) != 0;
    }
}
