// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IChunkVerifier
 * @notice The snarkjs-generated Groth16 verifier of the chunk circuit (`Groth16Verifier`,
 * exported by circuits/build with `ensureChunkKeys`): eleven public inputs in circuit order
 * (oldStateRoot, newStateRoot, oldQueueHash, newQueueHash, exitRoot, txListCommitment,
 * dataCommitment, domain, blobChallenge, blobShareHi, blobShareLo).
 */
interface IChunkVerifier {
    function verifyProof(uint256[2] calldata a, uint256[2][2] calldata b, uint256[2] calldata c, uint256[11] calldata input)
        external
        view
        returns (bool);
}
