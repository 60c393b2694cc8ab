// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ISlashableRollup
/// @notice What `PreconfirmationSlasher` reads from and calls on `CounterweightRollup`.
interface ISlashableRollup {
    /// The record of a committed batch (`RollupBase.Batch`).
    struct BatchRecord {
        uint40 queueEnd;
        uint40 committedAt;
        uint16 chunkCount;
        address committer;
    }

    function heads()
        external
        view
        returns (
            uint256 queueLength,
            uint256 committedQueue,
            uint256 finalizedQueue,
            uint256 committedBatches,
            uint256 finalizedBatches,
            bool escapeMode
        );
    function batchInfo(uint256 batch) external view returns (BatchRecord memory record, uint256 stateRoot, bytes32 dataHash);
    /// Whether chunk `chunk` of `batch` is proven, and its stored value (top bit clear): once
    /// proven `keccak256(exitRoot, txListCommitment)`, before that `keccak256` of its eleven
    /// public inputs.
    function chunkState(uint256 batch, uint256 chunk) external view returns (bool proven, uint256 value);
    function sequencer() external view returns (address);
    function minBond() external view returns (uint256);
    function bondOf(address account) external view returns (uint256);
    function nTx() external view returns (uint256);
    function slashBond(address account, uint256 amount, address reporter) external;
}
