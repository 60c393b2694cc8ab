// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BLS_MODULUS, CHALLENGE_BITS, BlobOpening, ChunkClaim} from "../RollupTypes.sol";

/**
 * @title BlobEquivalence
 * @notice The proof of equivalence between a batch's blob and the data its chunk proofs apply
 * (docs/protocol.md "Blob equivalence"). The challenge z binds the blob's versioned hash and
 * every chunk's data commitment; each chunk proof proves its share of the blob polynomial's
 * value at z over its own positions; here the shares, the header element (position 0, point
 * 1) and the factor (z^4096 - 1)/4096 must give the value y that the point-evaluation
 * precompile opens the blob to.
 */
library BlobEquivalence {
    /// The blob opening was refused by the point-evaluation precompile.
    error BlobOpeningInvalid();
    /// The chunks' shares do not add up to the blob's value at the challenge.
    error BlobSharesMismatch(uint256 y);

    uint256 private constant POINT_EVALUATION = 0x0A;
    /// 4096^-1 mod r, that is r - (r - 1) / 4096 (tests check it).
    uint256 internal constant WIDTH_INVERSE = 0x73e66878b46ae3705eb6a46a89213de7d3686828bfce5c19400fffff00100001;

    /// @notice `keccak256(versionedHash ‖ claims[0].dataCommitment ‖ …) >> 16` (protocol `blobChallenge`).
    function challenge(bytes32 versionedHash, ChunkClaim[] calldata claims) internal pure returns (uint256 z) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, versionedHash)
            let n := claims.length
            // ChunkClaim is 6 words; dataCommitment is word 4
            for { let k := 0 } lt(k, n) { k := add(k, 1) } {
                mstore(add(m, mul(add(k, 1), 32)), calldataload(add(claims.offset, add(mul(k, 192), 128))))
            }
            z := shr(sub(256, CHALLENGE_BITS), keccak256(m, mul(add(n, 1), 32)))
        }
    }

    /// @notice Requires the precompile to open the blob `versionedHash` to `o.y` at `z`, and
    /// `y * (z - 1) == F * (header + (z - 1) * shareSum)` mod r with F = (z^4096 - 1)/4096,
    /// i.e. y = F * (header / (z - 1) + shareSum).
    function check(bytes32 versionedHash, uint256 z, uint256 header, uint256 shareSum, BlobOpening calldata o)
        internal
        view
    {
        uint256 y = _open(versionedHash, z, o);
        bool ok;
        assembly ("memory-safe") {
            let r := BLS_MODULUS
            let zn := z
            for { let i := 0 } lt(i, 12) { i := add(i, 1) } { zn := mulmod(zn, zn, r) }
            let factor := mulmod(addmod(zn, sub(r, 1), r), WIDTH_INVERSE, r)
            let zm1 := addmod(z, sub(r, 1), r)
            let rhs := mulmod(factor, addmod(header, mulmod(zm1, shareSum, r), r), r)
            ok := eq(mulmod(y, zm1, r), rhs)
        }
        if (!ok) revert BlobSharesMismatch(y);
    }

    /// @dev The point-evaluation precompile's check that the blob `versionedHash` opens to `o.y`
    /// at `z`; returns `o.y`.
    function _open(bytes32 versionedHash, uint256 z, BlobOpening calldata o) private view returns (uint256 y) {
        y = o.y;
        bytes calldata c = o.commitment;
        bytes calldata p = o.proof;
        bool ok;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, versionedHash)
            mstore(add(m, 32), z)
            mstore(add(m, 64), y)
            calldatacopy(add(m, 96), c.offset, 48)
            calldatacopy(add(m, 144), p.offset, 48)
            ok := and(and(eq(c.length, 48), eq(p.length, 48)), staticcall(gas(), POINT_EVALUATION, m, 192, m, 64))
            ok := and(ok, and(eq(returndatasize(), 64), eq(mload(add(m, 32)), BLS_MODULUS)))
        }
        if (!ok) revert BlobOpeningInvalid();
    }
}
