// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Thrown by every Poseidon hasher when an input is not below the BN254 scalar modulus.
error PoseidonInputOutOfRange();

/**
 * @title IPoseidonT3
 * @notice circomlib's Poseidon of 2 field elements (state width 3): Merkle nodes and the L1
 * queue chain. Deployed from the generated artifact `PoseidonT3` (l1-contracts/build).
 * @dev All functions take the same calldata and return the same word; each input must be
 * below p = 21888242871839275222246405745257275088548364400416034343698204186575808495617,
 * else the call reverts with {PoseidonInputOutOfRange}. `poseidon(...)` matches circomlibjs's
 * generated contract, so this is a drop-in replacement for it.
 */
interface IPoseidonT3 {
    function hash2(uint256 x0, uint256 x1) external pure returns (uint256);
    function hash(uint256[2] calldata inputs) external pure returns (uint256);
    function poseidon(uint256[2] calldata input) external pure returns (uint256);
}

/// @title IPoseidonT4
/// @notice Poseidon of 3 field elements (exit leaves); see {IPoseidonT3}.
interface IPoseidonT4 {
    function hash3(uint256 x0, uint256 x1, uint256 x2) external pure returns (uint256);
    function hash(uint256[3] calldata inputs) external pure returns (uint256);
    function poseidon(uint256[3] calldata input) external pure returns (uint256);
}

/// @title IPoseidonT5
/// @notice Poseidon of 4 field elements (account leaves); see {IPoseidonT3}.
interface IPoseidonT5 {
    function hash4(uint256 x0, uint256 x1, uint256 x2, uint256 x3) external pure returns (uint256);
    function hash(uint256[4] calldata inputs) external pure returns (uint256);
    function poseidon(uint256[4] calldata input) external pure returns (uint256);
}

/// @title IPoseidonT6
/// @notice Poseidon of 5 field elements (L1 queue entries); see {IPoseidonT3}.
/// @dev Its code is larger than EIP-170 allows, so the deployed hasher calls a second
/// contract (created by its constructor) for the last rounds.
interface IPoseidonT6 {
    function hash5(uint256 x0, uint256 x1, uint256 x2, uint256 x3, uint256 x4) external pure returns (uint256);
    function hash(uint256[5] calldata inputs) external pure returns (uint256);
    function poseidon(uint256[5] calldata input) external pure returns (uint256);
}
