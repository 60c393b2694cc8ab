// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BlobEquivalence} from "../rollup/lib/BlobEquivalence.sol";
import {BLS_MODULUS, BlobOpening, ChunkClaim} from "../rollup/RollupTypes.sol";

/**
 * @title BlobEquivalenceHarness
 * @notice TESTS AND BENCHES ONLY: the rollup's blob equivalence check alone (challenge from the
 * claims, shares added mod r, point evaluation, the barycentric identity), so that its gas and
 * its answers can be measured without a whole commit.
 */
contract BlobEquivalenceHarness {
    /// @notice The challenge the rollup derives for a blob `versionedHash` and `claims`.
    function challenge(bytes32 versionedHash, ChunkClaim[] calldata claims) external pure returns (uint256) {
        return BlobEquivalence.challenge(versionedHash, claims);
    }

    /// @notice What `commitBatch` checks of the blob: reverts unless the claims' shares and the
    /// header element `header` give the value `opening` opens the blob to at the challenge.
    function check(bytes32 versionedHash, uint256 header, ChunkClaim[] calldata claims, BlobOpening calldata opening)
        external
        view
    {
        uint256 z = BlobEquivalence.challenge(versionedHash, claims);
        uint256 sum;
        for (uint256 k; k < claims.length; ++k) {
            sum = addmod(sum, claims[k].blobShare, BLS_MODULUS);
        }
        BlobEquivalence.check(versionedHash, z, header, sum, opening);
    }

    /// @notice `4096^-1 mod r` as the library has it.
    function widthInverse() external pure returns (uint256) {
        return BlobEquivalence.WIDTH_INVERSE;
    }
}
