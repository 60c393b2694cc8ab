// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPoseidonT3, IPoseidonT4, IPoseidonT5, IPoseidonT6} from "./IPoseidon.sol";

/**
 * @title PoseidonCall
 * @notice Calls the Poseidon hashers with hand-written `staticcall`s: the same results as the
 * interface calls (`IPoseidonT3(h).hash2(a, b)`), a few hundred gas cheaper, because nothing
 * is ABI-encoded through memory and the code-size check is replaced by a check of the
 * returned length.
 * @dev Each function reverts with the hasher's revert data (e.g. `PoseidonInputOutOfRange()`)
 * if the hasher reverts, and with empty data if `hasher` has no code (nothing returned).
 * Scratch memory (0x00-0x3f) and free memory are used without moving the free pointer.
 *
 * Example:
 * ```solidity
 * uint256 node = PoseidonCall.hash2(t3, left, right); // t3: IPoseidonT3
 * ```
 * (Not meant for `using PoseidonCall for IPoseidonT3`: the interface's own `hash2` would make
 * `t3.hash2` ambiguous.)
 */
library PoseidonCall {
    function hash2(IPoseidonT3 hasher, uint256 x0, uint256 x1) internal view returns (uint256 r) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0x511c53ff)) // hash2(uint256,uint256)
            mstore(add(m, 0x04), x0)
            mstore(add(m, 0x24), x1)
            let ok := staticcall(gas(), hasher, m, 0x44, 0x00, 0x20)
            if iszero(and(ok, eq(returndatasize(), 0x20))) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
            r := mload(0x00)
        }
    }

    function hash3(IPoseidonT4 hasher, uint256 x0, uint256 x1, uint256 x2) internal view returns (uint256 r) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0x2dbf86c6)) // hash3(uint256,uint256,uint256)
            mstore(add(m, 0x04), x0)
            mstore(add(m, 0x24), x1)
            mstore(add(m, 0x44), x2)
            let ok := staticcall(gas(), hasher, m, 0x64, 0x00, 0x20)
            if iszero(and(ok, eq(returndatasize(), 0x20))) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
            r := mload(0x00)
        }
    }

    function hash4(IPoseidonT5 hasher, uint256 x0, uint256 x1, uint256 x2, uint256 x3) internal view returns (uint256 r) {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0x3b3ccded)) // hash4(uint256,uint256,uint256,uint256)
            mstore(add(m, 0x04), x0)
            mstore(add(m, 0x24), x1)
            mstore(add(m, 0x44), x2)
            mstore(add(m, 0x64), x3)
            let ok := staticcall(gas(), hasher, m, 0x84, 0x00, 0x20)
            if iszero(and(ok, eq(returndatasize(), 0x20))) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
            r := mload(0x00)
        }
    }

    function hash5(IPoseidonT6 hasher, uint256 x0, uint256 x1, uint256 x2, uint256 x3, uint256 x4)
        internal
        view
        returns (uint256 r)
    {
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0xc98aeff5)) // hash5(uint256,uint256,uint256,uint256,uint256)
            mstore(add(m, 0x04), x0)
            mstore(add(m, 0x24), x1)
            mstore(add(m, 0x44), x2)
            mstore(add(m, 0x64), x3)
            mstore(add(m, 0x84), x4)
            let ok := staticcall(gas(), hasher, m, 0xa4, 0x00, 0x20)
            if iszero(and(ok, eq(returndatasize(), 0x20))) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
            r := mload(0x00)
        }
    }
}
