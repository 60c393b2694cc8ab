// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PoseidonCall} from "../poseidon/PoseidonCall.sol";
import {Batches} from "./Batches.sol";
import {PoseidonMerkle} from "./lib/PoseidonMerkle.sol";
import {AMOUNT_BITS} from "./RollupTypes.sol";

/**
 * @title Exits
 * @notice Withdrawals out of finalized chunks. Every chunk has an exit tree with one leaf per
 * slot (queue slot `q` at position `q`, L2 slot `i` at `nQueue + i`); a withdrawal or refund
 * leaf is `Poseidon(recipient, tokenId, amount)`. Anyone may claim a leaf of a finalized chunk
 * with its Merkle proof; it is paid to the recipient it names, once per (batch, chunk,
 * position). Claims stay open in escape mode.
 */
abstract contract Exits is Batches {
    error BatchNotFinalized(uint256 batch);
    error ExitPositionOutOfRange(uint256 position);
    error WrongProofLength(uint256 length, uint256 expected);
    error ExitAlreadyClaimed(uint256 batch, uint256 chunk, uint256 position);
    error InvalidExitProof();

    event ExitClaimed(
        uint256 indexed batch,
        uint256 indexed chunk,
        uint256 position,
        address indexed recipient,
        uint256 tokenId,
        uint256 amount
    );

    /// Claimed exits, a bit per (batch, chunk, position).
    mapping(uint256 word => uint256) private _claimed;

    /// @notice Pays exit leaf `position` of chunk `chunk` of finalized batch `batch` to
    /// `recipient`: `amount` of `tokenId`, proven by `siblings` (bottom-up, `exitDepth` of them).
    /// `txListCommitment` is the chunk's (public input 5, `ChunkCommitted`): the contract keeps
    /// the exit root folded with it.
    function claimExit(
        uint256 batch,
        uint256 chunk,
        uint256 position,
        address recipient,
        uint256 tokenId,
        uint256 amount,
        uint256[] calldata siblings,
        uint256 txListCommitment
    ) external nonReentrant {
        if (batch == 0 || batch > _heads.finalizedBatches) revert BatchNotFinalized(batch);
        if (chunk >= _batches[batch].chunkCount) revert UnknownChunk(batch, chunk);
        if (position >= nQueue + nTx) revert ExitPositionOutOfRange(position);
        if (siblings.length != exitDepth) revert WrongProofLength(siblings.length, exitDepth);
        _markClaimed(batch, chunk, position);
        uint256 root = _exitLeafRoot(recipient, tokenId, amount, position, siblings);
        if (_provenValue(root, txListCommitment) != _chunkSlots[_chunkKey(batch, chunk)]) revert InvalidExitProof();
        emit ExitClaimed(batch, chunk, position, recipient, tokenId, amount);
        _payFromCustody(recipient, tokenId, amount);
    }

    /// @notice True once exit `position` of (`batch`, `chunk`) was claimed.
    function isExitClaimed(uint256 batch, uint256 chunk, uint256 position) external view returns (bool) {
        (uint256 word, uint256 bit) = _claimBit(batch, chunk, position);
        return _claimed[word] & bit != 0;
    }

    function _markClaimed(uint256 batch, uint256 chunk, uint256 position) private {
        (uint256 word, uint256 bit) = _claimBit(batch, chunk, position);
        uint256 bits = _claimed[word];
        if (bits & bit != 0) revert ExitAlreadyClaimed(batch, chunk, position);
        _claimed[word] = bits | bit;
    }

    /// @dev The exit root implied by leaf `Poseidon(recipient, tokenId, amount)` at `position`.
    function _exitLeafRoot(address recipient, uint256 tokenId, uint256 amount, uint256 position, uint256[] calldata siblings)
        private
        view
        returns (uint256)
    {
        if (amount >> AMOUNT_BITS != 0) revert AmountTooLarge(amount);
        tokenAddress(tokenId); // reverts for an unlisted token: no such leaf can exist
        uint256 leaf = PoseidonCall.hash3(_h3, uint160(recipient), tokenId, amount);
        return PoseidonMerkle.root(_h2, leaf, position, siblings);
    }

    function _claimBit(uint256 batch, uint256 chunk, uint256 position) private pure returns (uint256 word, uint256 bit) {
        // position < nQueue + nTx <= 5120, so position >> 8 fits in 16 bits.
        word = (batch << 32) | (chunk << 16) | (position >> 8);
        bit = uint256(1) << (position & 255);
    }
}
