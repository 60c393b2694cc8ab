// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {L1Queue} from "./L1Queue.sol";
import {PreconfirmationSlasher} from "../slashing/PreconfirmationSlasher.sol";
import {SafeTransfer} from "./lib/SafeTransfer.sol";
import {RollupConfig} from "./RollupTypes.sol";

/**
 * @title SequencerRole
 * @notice Who may commit batches outside permissionless mode, and the bond it holds.
 *
 * - The role changes only through a handover: the sequencer proposes a successor, who accepts
 *   no earlier than `handoverDelay` (at least 30 days, checked at deployment) later, holding
 *   at least `minBond`. There is no other key: nothing can change the rules, the verifier or
 *   move users' funds.
 * - Anyone may post a bond; only the sequencer's is required (at least `minBond` not requested
 *   for withdrawal, to commit). A withdrawal is requested first and paid `bondWithdrawalDelay`
 *   later; the requested part stops counting at once, so a sequencer that leaves its bond
 *   stops committing (after a handover the old sequencer's bond is simply free to request).
 *   The delay keeps the bond in reach of slashing.
 * - `slasher` (the `PreconfirmationSlasher` the rollup created) may slash a bond for a broken
 *   preconfirmation: half goes to the reporter (`owed`, token 0), the rest stays locked here.
 */
abstract contract SequencerRole is L1Queue {
    error NotSequencer(address caller);
    error NotPendingSequencer(address caller);
    error HandoverNotReady(uint256 eta);
    error NoHandoverPending();
    error InvalidSuccessor(address next);
    error BondTooLow(uint256 available, uint256 required);
    error BondRequestTooLarge(uint256 amount, uint256 available);
    error NoBondWithdrawalRequested();
    error BondWithdrawalNotReady(uint256 unlockAt);
    error NotSlasher();

    event HandoverProposed(address indexed sequencer, address indexed next, uint256 eta);
    event HandoverCancelled(address indexed sequencer, address indexed next);
    event SequencerChanged(address indexed previous, address indexed next);
    event BondDeposited(address indexed account, uint256 amount, uint256 total);
    event BondWithdrawalRequested(address indexed account, uint256 amount, uint256 unlockAt);
    event BondWithdrawn(address indexed account, address to, uint256 amount);

    uint256 public immutable handoverDelay;
    uint256 public immutable minBond;
    uint256 public immutable bondWithdrawalDelay;
    /// The `PreconfirmationSlasher` this rollup created: the only caller of `slashBond`.
    address public immutable slasher;

    address public sequencer;
    address public pendingSequencer;
    uint256 public handoverEta;

    mapping(address account => uint256) public bondOf;
    mapping(address account => uint256) public bondRequested;
    mapping(address account => uint256) public bondUnlockAt;

    constructor(RollupConfig memory c) {
        handoverDelay = c.handoverDelay;
        minBond = c.minBond;
        bondWithdrawalDelay = c.bondWithdrawalDelay;
        sequencer = c.sequencer;
        slasher = address(new PreconfirmationSlasher(address(this), c.poseidon2, c.poseidon3));
        emit SequencerChanged(address(0), c.sequencer);
    }

    // ------------------------------------------------------------------ handover

    /// @notice The sequencer names its successor; it may accept after `handoverDelay`.
    function proposeSequencer(address next) external {
        if (msg.sender != sequencer) revert NotSequencer(msg.sender);
        if (next == address(0) || next == sequencer) revert InvalidSuccessor(next);
        uint256 eta = block.timestamp + handoverDelay;
        pendingSequencer = next;
        handoverEta = eta;
        emit HandoverProposed(msg.sender, next, eta);
    }

    /// @notice The sequencer withdraws its proposal.
    function cancelHandover() external {
        if (msg.sender != sequencer) revert NotSequencer(msg.sender);
        address next = pendingSequencer;
        if (next == address(0)) revert NoHandoverPending();
        pendingSequencer = address(0);
        handoverEta = 0;
        emit HandoverCancelled(msg.sender, next);
    }

    /// @notice The proposed successor takes the role once the delay has passed, bonded.
    function acceptSequencer() external {
        address next = pendingSequencer;
        if (next == address(0)) revert NoHandoverPending();
        if (msg.sender != next) revert NotPendingSequencer(msg.sender);
        if (block.timestamp < handoverEta) revert HandoverNotReady(handoverEta);
        uint256 available = availableBond(next);
        if (available < minBond) revert BondTooLow(available, minBond);
        address previous = sequencer;
        sequencer = next;
        pendingSequencer = address(0);
        handoverEta = 0;
        emit SequencerChanged(previous, next);
    }

    // ------------------------------------------------------------------ bond

    /// @notice Adds msg.value to the caller's bond.
    function depositBond() external payable {
        uint256 total = bondOf[msg.sender] + msg.value;
        bondOf[msg.sender] = total;
        emit BondDeposited(msg.sender, msg.value, total);
    }

    /// @notice Asks to withdraw `amount` more of the caller's bond; the whole requested amount
    /// unlocks `bondWithdrawalDelay` after this call.
    function requestBondWithdrawal(uint256 amount) external {
        uint256 available = availableBond(msg.sender);
        if (amount == 0 || amount > available) revert BondRequestTooLarge(amount, available);
        uint256 unlockAt = block.timestamp + bondWithdrawalDelay;
        bondRequested[msg.sender] += amount;
        bondUnlockAt[msg.sender] = unlockAt;
        emit BondWithdrawalRequested(msg.sender, amount, unlockAt);
    }

    /// @notice Pays the caller's requested bond to `to` once unlocked.
    function withdrawBond(address to) external nonReentrant {
        uint256 amount = bondRequested[msg.sender];
        if (amount == 0) revert NoBondWithdrawalRequested();
        uint256 unlockAt = bondUnlockAt[msg.sender];
        if (block.timestamp < unlockAt) revert BondWithdrawalNotReady(unlockAt);
        bondRequested[msg.sender] = 0;
        bondOf[msg.sender] -= amount;
        if (!SafeTransfer.tryEthAllGas(to, amount)) revert TransferFailed(to, 0, amount);
        emit BondWithdrawn(msg.sender, to, amount);
    }

    /// @notice Takes up to `amount` of `account`'s bond (all of it if less): half is owed to
    /// `reporter` (withdrawn with `withdrawOwed`), the rest stays locked in the contract for
    /// ever. A pending withdrawal request shrinks to what is left. Slasher only.
    /// The slasher emits the event (`PreconfirmationSlashed`).
    function slashBond(address account, uint256 amount, address reporter) external {
        if (msg.sender != slasher) revert NotSlasher();
        uint256 bond = bondOf[account];
        if (amount > bond) amount = bond;
        bond -= amount;
        bondOf[account] = bond;
        if (bondRequested[account] > bond) bondRequested[account] = bond;
        owed[reporter][0] += amount / 2;
    }

    /// @notice Bond of `account` not requested for withdrawal.
    function availableBond(address account) public view returns (uint256) {
        return bondOf[account] - bondRequested[account];
    }

    /// @dev True if `account` is the sequencer and holds the minimum bond.
    function _isBondedSequencer(address account) internal view returns (bool) {
        return account == sequencer && availableBond(account) >= minBond;
    }
}
