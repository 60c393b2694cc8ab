// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BLOB_ELEMENTS, BYTES_PER_ELEMENT} from "../RollupTypes.sol";

/**
 * @title ChunkShape
 * @notice The sizes that follow from the chunk parameters, exactly as protocol `chunkLayout`
 * and `maxChunksPerBlob` derive them.
 */
library ChunkShape {
    /// @notice ceil(log2(n)), 0 for n <= 1.
    function ceilLog2(uint256 n) internal pure returns (uint256 r) {
        while ((uint256(1) << r) < n) ++r;
    }

    /// @notice Blob field elements of one chunk: header (queue count and fee accounts) plus
    /// `nTx` records of `3 + 2 * depth + 32 + 13` bits, in 31-byte elements.
    function chunkElements(uint256 depth, uint256 nTx, uint256 nQueue, uint256 nFee) internal pure returns (uint256) {
        uint256 recordBits = 48 + 2 * depth;
        uint256 bits = ceilLog2(nQueue + 1) + nFee * depth + nTx * recordBits;
        uint256 perElement = 8 * BYTES_PER_ELEMENT;
        return (bits + perElement - 1) / perElement;
    }

    /// @notice Chunks one blob holds after its header element.
    function maxChunks(uint256 elementsPerChunk) internal pure returns (uint256) {
        return (BLOB_ELEMENTS - 1) / elementsPerChunk;
    }
}
