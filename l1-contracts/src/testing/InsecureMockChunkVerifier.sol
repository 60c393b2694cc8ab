// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title InsecureMockChunkVerifier
 * @notice TESTS ONLY. INSECURE: accepts a fake "proof" that anyone can make. It stands in for
 * the generated Groth16 verifier where tests need many proofs (forge fuzz and invariant runs,
 * scenario tests), and still binds the proof to the public inputs so that a changed input
 * fails: the proof is accepted iff `a[0] == fakeProofFor(input)` and every other word is 0.
 * Never deploy it where value is at stake; `deployRollup` names it `insecure-mock`.
 */
contract InsecureMockChunkVerifier {
    uint256 private constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice The fake proof's `a[0]` for `input`.
    function fakeProofFor(uint256[11] memory input) public pure returns (uint256) {
        return uint256(keccak256(abi.encode("INSECURE MOCK PROOF", input))) % R;
    }

    function verifyProof(uint256[2] calldata a, uint256[2][2] calldata b, uint256[2] calldata c, uint256[11] calldata input)
        external
        pure
        returns (bool)
    {
        for (uint256 i; i < 11; ++i) {
            if (input[i] >= R) return false;
        }
        if (a[1] != 0 || b[0][0] != 0 || b[0][1] != 0 || b[1][0] != 0 || b[1][1] != 0 || c[0] != 0 || c[1] != 0) {
            return false;
        }
        return a[0] == fakeProofFor(input);
    }
}
