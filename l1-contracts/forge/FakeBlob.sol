// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Vm} from "./Vm.sol";
import {BLS_MODULUS, CHALLENGE_BITS, BlobOpening, ChunkClaim} from "../src/rollup/RollupTypes.sol";
import {CalldataDA} from "../src/rollup/lib/CalldataDA.sol";

/**
 * @title FakeBlob
 * @notice Forge has no blobs: tests set a versioned-hash-looking value with `vm.blobhashes` and
 * stand the point-evaluation precompile in with {mockPointEvaluation} (it then accepts any
 * opening). What the rollup checks besides, the barycentric identity between the shares, the
 * header and y, runs for real: {opening} makes the y that the claims' shares give. The real
 * precompile is exercised on anvil (l1-contracts/rollup/realProof.test.ts).
 */
library FakeBlob {
    /// 4096^-1 mod r.
    uint256 internal constant WIDTH_INVERSE = BLS_MODULUS - (BLS_MODULUS - 1) / 4096;

    /// Makes the point-evaluation precompile answer "valid" to every input.
    function mockPointEvaluation(Vm vm) internal {
        vm.mockCall(address(0x0A), "", abi.encode(uint256(4096), BLS_MODULUS));
    }

    /// The challenge the rollup derives (protocol `blobChallenge`).
    function challenge(bytes32 versionedHash, ChunkClaim[] memory cs) internal pure returns (uint256) {
        bytes memory buf = abi.encodePacked(versionedHash);
        for (uint256 k; k < cs.length; ++k) buf = bytes.concat(buf, abi.encode(cs[k].dataCommitment));
        return uint256(keccak256(buf)) >> (256 - CHALLENGE_BITS);
    }

    /// An opening whose y is what the shares of `cs` and the header of a batch of
    /// `cs.length` chunks (TEST_PARAMS-like `depth`, `nTx`, `nQueue`, `nFee`) give at the challenge.
    function opening(bytes32 versionedHash, ChunkClaim[] memory cs, uint256[4] memory shape)
        internal
        pure
        returns (BlobOpening memory o)
    {
        uint256 r = BLS_MODULUS;
        uint256 z = challenge(versionedHash, cs);
        uint256 sum = mulmod(CalldataDA.header(shape[0], shape[1], shape[2], shape[3], cs.length), inverse(addmod(z, r - 1, r)), r);
        for (uint256 k; k < cs.length; ++k) sum = addmod(sum, cs[k].blobShare, r);
        uint256 zn = z;
        for (uint256 i; i < 12; ++i) zn = mulmod(zn, zn, r);
        o.y = mulmod(mulmod(addmod(zn, r - 1, r), WIDTH_INVERSE, r), sum, r);
        o.commitment = new bytes(48);
        o.proof = new bytes(48);
    }

    /// Public inputs 9 to 11 of chunk `k` of a blob batch with challenge `z`.
    function bind(uint256[11] memory pi, uint256 z, uint256 k, uint256 share) internal pure {
        pi[8] = z | (k << CHALLENGE_BITS);
        pi[9] = share >> 128;
        pi[10] = share & type(uint128).max;
    }

    /// a^-1 mod r (Fermat; no calls, so it can sit in the arguments of a pranked call).
    function inverse(uint256 a) internal pure returns (uint256 x) {
        uint256 r = BLS_MODULUS;
        uint256 e = r - 2;
        x = 1;
        uint256 b = a % r;
        while (e > 0) {
            if (e & 1 == 1) x = mulmod(x, b, r);
            b = mulmod(b, b, r);
            e >>= 1;
        }
    }
}
