// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IPoseidonT3} from "../../poseidon/IPoseidon.sol";
import {PoseidonCall} from "../../poseidon/PoseidonCall.sol";

/**
 * @title PoseidonMerkle
 * @notice Roots of the project's binary Poseidon Merkle trees (account tree, exit trees):
 * nodes `Poseidon(left, right)`, siblings listed bottom-up, bit `l` of the index says whether
 * the node at level `l` is a right child (protocol/state/merkleTree.ts `computeRoot`).
 */
library PoseidonMerkle {
    /// @notice The root implied by `leaf` at `index` with `siblings` (bottom-up). The caller
    /// checks `index < 2 ** siblings.length`; a sibling at or above the field modulus reverts
    /// with the hasher's `PoseidonInputOutOfRange()`.
    function root(IPoseidonT3 hasher, uint256 leaf, uint256 index, uint256[] calldata siblings)
        internal
        view
        returns (uint256 node)
    {
        node = leaf;
        uint256 n = siblings.length;
        for (uint256 i; i < n; ++i) {
            uint256 s = siblings[i];
            node = index & 1 == 1 ? PoseidonCall.hash2(hasher, s, node) : PoseidonCall.hash2(hasher, node, s);
            index >>= 1;
        }
    }
}
