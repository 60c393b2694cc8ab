// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPoseidonT3} from "../../poseidon/IPoseidon.sol";
import {PoseidonCall} from "../../poseidon/PoseidonCall.sol";
import {BLS_MODULUS, BYTES_PER_ELEMENT, DA_VERSION} from "../RollupTypes.sol";

/**
 * @title CalldataDA
 * @notice The batch data of the calldata fallback: the same field elements a blob would hold
 * (docs/protocol.md "Data availability"), 31 bytes each, concatenated: element 0 is the batch
 * header, chunk `k` occupies elements `1 + k * E .. (k + 1) * E` (E = chunk elements).
 */
library CalldataDA {
    /// @notice Field element `i` of `data`: its 31 bytes read big-endian.
    function element(bytes calldata data, uint256 i) internal pure returns (uint256 e) {
        assembly ("memory-safe") {
            // calldataload reads 32 bytes; the shift drops the byte after the element's 31.
            e := shr(8, calldataload(add(data.offset, mul(i, 31))))
        }
    }

    /// @notice The data commitment of `count` elements from `first`: `c_0 = 0`,
    /// `c_{k+1} = Poseidon(c_k, e_k)` (protocol `dataCommitment`).
    function commitment(IPoseidonT3 hasher, bytes calldata data, uint256 first, uint256 count)
        internal
        view
        returns (uint256 c)
    {
        for (uint256 i; i < count; ++i) {
            c = PoseidonCall.hash2(hasher, c, element(data, first + i));
        }
    }

    /// @notice `-sum of count elements from first mod r` (r = BLS_MODULUS): a chunk's blob share
    /// at z = 0, which the calldata path uses (every term w / (0 - w) is -1).
    function negatedSum(bytes calldata data, uint256 first, uint256 count) internal pure returns (uint256 s) {
        for (uint256 i; i < count; ++i) {
            s = addmod(s, element(data, first + i), BLS_MODULUS);
        }
        if (s != 0) s = BLS_MODULUS - s;
    }

    /// @notice The batch header element: `version | depth | nTx | nQueue | nFee | chunkCount`
    /// (8, 8, 16, 16, 8, 16 bits) from the top of its 248 bits, zeros after.
    function header(uint256 depth, uint256 nTx, uint256 nQueue, uint256 nFee, uint256 chunkCount)
        internal
        pure
        returns (uint256)
    {
        uint256 v = DA_VERSION;
        v = (v << 8) | depth;
        v = (v << 16) | nTx;
        v = (v << 16) | nQueue;
        v = (v << 8) | nFee;
        v = (v << 16) | chunkCount;
        return v << (8 * BYTES_PER_ELEMENT - 72);
    }
}
