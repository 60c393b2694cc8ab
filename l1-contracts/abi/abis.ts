/**
 * Typed ABIs of the L1 contracts, generated from l1-contracts/src by
 * `npx tsx l1-contracts/abi/generate.ts` (abi.test.ts checks it is current); do not edit.
 *
 * @example
 * ```ts
 * import { counterweightRollupAbi } from './abis.ts'
 * await publicClient.readContract({ address, abi: counterweightRollupAbi, functionName: 'domain' })
 * ```
 */

/** The rollup: queue, batches, exits, escape mode (run in `EscapeHatch` by delegatecall, listed here), sequencer role and bond. */
export const counterweightRollupAbi = [
  {
    "inputs": [
      {
        "components": [
          {
            "name": "depth",
            "type": "uint256"
          },
          {
            "name": "nTx",
            "type": "uint256"
          },
          {
            "name": "nQueue",
            "type": "uint256"
          },
          {
            "name": "nFee",
            "type": "uint256"
          },
          {
            "name": "verifier",
            "type": "address"
          },
          {
            "name": "poseidon2",
            "type": "address"
          },
          {
            "name": "poseidon3",
            "type": "address"
          },
          {
            "name": "poseidon4",
            "type": "address"
          },
          {
            "name": "poseidon5",
            "type": "address"
          },
          {
            "name": "sequencer",
            "type": "address"
          },
          {
            "name": "inclusionDelay",
            "type": "uint256"
          },
          {
            "name": "proofWindow",
            "type": "uint256"
          },
          {
            "name": "escapeDelay",
            "type": "uint256"
          },
          {
            "name": "handoverDelay",
            "type": "uint256"
          },
          {
            "name": "minBond",
            "type": "uint256"
          },
          {
            "name": "bondWithdrawalDelay",
            "type": "uint256"
          },
          {
            "name": "queueFeeBase",
            "type": "uint256"
          },
          {
            "name": "queueFeeStep",
            "type": "uint256"
          }
        ],
        "name": "config",
        "type": "tuple"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "constructor"
  },
  {
    "inputs": [
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "AmountTooLarge",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "count",
        "type": "uint256"
      },
      {
        "name": "max",
        "type": "uint256"
      }
    ],
    "name": "BadChunkCount",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "header",
        "type": "uint256"
      },
      {
        "name": "expected",
        "type": "uint256"
      }
    ],
    "name": "BadDataHeader",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "length",
        "type": "uint256"
      },
      {
        "name": "expected",
        "type": "uint256"
      }
    ],
    "name": "BadDataLength",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "chunk",
        "type": "uint256"
      },
      {
        "name": "from",
        "type": "uint256"
      },
      {
        "name": "to",
        "type": "uint256"
      }
    ],
    "name": "BadQueueRange",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      }
    ],
    "name": "BatchFullyProven",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      }
    ],
    "name": "BatchNotFinalized",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "next",
        "type": "uint256"
      }
    ],
    "name": "BatchNotNext",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      }
    ],
    "name": "BatchNotPending",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "BlobOpeningInvalid",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "chunk",
        "type": "uint256"
      },
      {
        "name": "computed",
        "type": "uint256"
      },
      {
        "name": "claimed",
        "type": "uint256"
      }
    ],
    "name": "BlobShareMismatch",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "chunk",
        "type": "uint256"
      }
    ],
    "name": "BlobShareOutOfField",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "y",
        "type": "uint256"
      }
    ],
    "name": "BlobSharesMismatch",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "amount",
        "type": "uint256"
      },
      {
        "name": "available",
        "type": "uint256"
      }
    ],
    "name": "BondRequestTooLarge",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "available",
        "type": "uint256"
      },
      {
        "name": "required",
        "type": "uint256"
      }
    ],
    "name": "BondTooLow",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "unlockAt",
        "type": "uint256"
      }
    ],
    "name": "BondWithdrawalNotReady",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      }
    ],
    "name": "ChunkAlreadyProven",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      }
    ],
    "name": "ChunkNotProven",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "chunk",
        "type": "uint256"
      }
    ],
    "name": "ClaimOutOfField",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "chunk",
        "type": "uint256"
      },
      {
        "name": "computed",
        "type": "uint256"
      },
      {
        "name": "claimed",
        "type": "uint256"
      }
    ],
    "name": "DataCommitmentMismatch",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "EscapeModeActive",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      },
      {
        "name": "position",
        "type": "uint256"
      }
    ],
    "name": "ExitAlreadyClaimed",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "position",
        "type": "uint256"
      }
    ],
    "name": "ExitPositionOutOfRange",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "required",
        "type": "uint256"
      },
      {
        "name": "paid",
        "type": "uint256"
      }
    ],
    "name": "FeeTooLow",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "eta",
        "type": "uint256"
      }
    ],
    "name": "HandoverNotReady",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "index",
        "type": "uint256"
      }
    ],
    "name": "IndexOutOfRange",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "name": "held",
        "type": "uint256"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "InsufficientCustody",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "what",
        "type": "string"
      }
    ],
    "name": "InvalidConfig",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "InvalidExitProof",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      }
    ],
    "name": "InvalidProof",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "next",
        "type": "address"
      }
    ],
    "name": "InvalidSuccessor",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "KeyOutOfField",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "MoreThanOneBlob",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "NoBlob",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "NoBondWithdrawalRequested",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "NoHandoverPending",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "token",
        "type": "address"
      }
    ],
    "name": "NotAContract",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "caller",
        "type": "address"
      }
    ],
    "name": "NotPendingSequencer",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "caller",
        "type": "address"
      }
    ],
    "name": "NotSequencer",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "NotSlasher",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      },
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "NothingOwed",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "committed",
        "type": "uint256"
      },
      {
        "name": "finalized",
        "type": "uint256"
      }
    ],
    "name": "PendingBatches",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "proofs",
        "type": "uint256"
      },
      {
        "name": "chunks",
        "type": "uint256"
      }
    ],
    "name": "ProofCountMismatch",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "deadline",
        "type": "uint256"
      }
    ],
    "name": "ProofWindowOpen",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "index",
        "type": "uint256"
      },
      {
        "name": "value",
        "type": "uint256"
      }
    ],
    "name": "PublicInputOutOfField",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      }
    ],
    "name": "PublicInputsMismatch",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "position",
        "type": "uint256"
      },
      {
        "name": "timestamp",
        "type": "uint256"
      }
    ],
    "name": "QueueEntryOverdue",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "backlog",
        "type": "uint256"
      }
    ],
    "name": "QueueFull",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "Reentrancy",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "RefundFailed",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "token",
        "type": "address"
      },
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "TokenAlreadyListed",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "TooManyTokens",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "to",
        "type": "address"
      },
      {
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "TransferFailed",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      }
    ],
    "name": "UnknownChunk",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "UnknownToken",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "length",
        "type": "uint256"
      },
      {
        "name": "expected",
        "type": "uint256"
      }
    ],
    "name": "WrongProofLength",
    "type": "error"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "batch",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "committer",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "dataHash",
        "type": "bytes32"
      },
      {
        "indexed": false,
        "name": "calldataDA",
        "type": "bool"
      },
      {
        "indexed": false,
        "name": "chunkCount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "queueEnd",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "newStateRoot",
        "type": "uint256"
      }
    ],
    "name": "BatchCommitted",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "batch",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "stateRoot",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "queueEnd",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "queueFees",
        "type": "uint256"
      }
    ],
    "name": "BatchFinalized",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "fromBatch",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "toBatch",
        "type": "uint256"
      }
    ],
    "name": "BatchesReverted",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "account",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "total",
        "type": "uint256"
      }
    ],
    "name": "BondDeposited",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "account",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "unlockAt",
        "type": "uint256"
      }
    ],
    "name": "BondWithdrawalRequested",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "account",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "to",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "BondWithdrawn",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "batch",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "chunk",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "publicInputs",
        "type": "uint256[11]"
      }
    ],
    "name": "ChunkCommitted",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "batch",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "chunk",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "prover",
        "type": "address"
      }
    ],
    "name": "ChunkProven",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "batch",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "chunk",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "position",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "recipient",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "ExitClaimed",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "sequencer",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "next",
        "type": "address"
      }
    ],
    "name": "HandoverCancelled",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "sequencer",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "next",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "eta",
        "type": "uint256"
      }
    ],
    "name": "HandoverProposed",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "account",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "to",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "OwedWithdrawn",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "recipient",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "PayoutDeferred",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "position",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "kind",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "sender",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "index",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "toIndex",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "pubKeyX",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "pubKeyY",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "queueHash",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "timestamp",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "fee",
        "type": "uint256"
      }
    ],
    "name": "QueueEntryAdded",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "previous",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "next",
        "type": "address"
      }
    ],
    "name": "SequencerChanged",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "token",
        "type": "address"
      }
    ],
    "name": "TokenListed",
    "type": "event"
  },
  {
    "stateMutability": "nonpayable",
    "type": "fallback"
  },
  {
    "inputs": [],
    "name": "acceptSequencer",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "availableBond",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      }
    ],
    "name": "batchInfo",
    "outputs": [
      {
        "components": [
          {
            "name": "queueEnd",
            "type": "uint40"
          },
          {
            "name": "committedAt",
            "type": "uint40"
          },
          {
            "name": "chunkCount",
            "type": "uint16"
          },
          {
            "name": "committer",
            "type": "address"
          }
        ],
        "name": "record",
        "type": "tuple"
      },
      {
        "name": "stateRoot",
        "type": "uint256"
      },
      {
        "name": "dataHash",
        "type": "bytes32"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "bondOf",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "bondRequested",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      }
    ],
    "name": "bondUnlockAt",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "bondWithdrawalDelay",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "cancelHandover",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "chunkElements",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      }
    ],
    "name": "chunkState",
    "outputs": [
      {
        "name": "proven",
        "type": "bool"
      },
      {
        "name": "value",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      },
      {
        "name": "position",
        "type": "uint256"
      },
      {
        "name": "recipient",
        "type": "address"
      },
      {
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "name": "amount",
        "type": "uint256"
      },
      {
        "name": "siblings",
        "type": "uint256[]"
      },
      {
        "name": "txListCommitment",
        "type": "uint256"
      }
    ],
    "name": "claimExit",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "newStateRoot",
            "type": "uint256"
          },
          {
            "name": "queueEnd",
            "type": "uint256"
          },
          {
            "name": "exitRoot",
            "type": "uint256"
          },
          {
            "name": "txListCommitment",
            "type": "uint256"
          },
          {
            "name": "dataCommitment",
            "type": "uint256"
          },
          {
            "name": "blobShare",
            "type": "uint256"
          }
        ],
        "name": "claims",
        "type": "tuple[]"
      },
      {
        "components": [
          {
            "name": "y",
            "type": "uint256"
          },
          {
            "name": "commitment",
            "type": "bytes"
          },
          {
            "name": "proof",
            "type": "bytes"
          }
        ],
        "name": "opening",
        "type": "tuple"
      },
      {
        "components": [
          {
            "name": "a",
            "type": "uint256[2]"
          },
          {
            "name": "b",
            "type": "uint256[2][2]"
          },
          {
            "name": "c",
            "type": "uint256[2]"
          }
        ],
        "name": "proofs",
        "type": "tuple[]"
      }
    ],
    "name": "commitAndProve",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "data",
        "type": "bytes"
      },
      {
        "components": [
          {
            "name": "newStateRoot",
            "type": "uint256"
          },
          {
            "name": "queueEnd",
            "type": "uint256"
          },
          {
            "name": "exitRoot",
            "type": "uint256"
          },
          {
            "name": "txListCommitment",
            "type": "uint256"
          },
          {
            "name": "dataCommitment",
            "type": "uint256"
          },
          {
            "name": "blobShare",
            "type": "uint256"
          }
        ],
        "name": "claims",
        "type": "tuple[]"
      },
      {
        "components": [
          {
            "name": "a",
            "type": "uint256[2]"
          },
          {
            "name": "b",
            "type": "uint256[2][2]"
          },
          {
            "name": "c",
            "type": "uint256[2]"
          }
        ],
        "name": "proofs",
        "type": "tuple[]"
      }
    ],
    "name": "commitAndProveCalldata",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "newStateRoot",
            "type": "uint256"
          },
          {
            "name": "queueEnd",
            "type": "uint256"
          },
          {
            "name": "exitRoot",
            "type": "uint256"
          },
          {
            "name": "txListCommitment",
            "type": "uint256"
          },
          {
            "name": "dataCommitment",
            "type": "uint256"
          },
          {
            "name": "blobShare",
            "type": "uint256"
          }
        ],
        "name": "claims",
        "type": "tuple[]"
      },
      {
        "components": [
          {
            "name": "y",
            "type": "uint256"
          },
          {
            "name": "commitment",
            "type": "bytes"
          },
          {
            "name": "proof",
            "type": "bytes"
          }
        ],
        "name": "opening",
        "type": "tuple"
      }
    ],
    "name": "commitBatch",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "data",
        "type": "bytes"
      },
      {
        "components": [
          {
            "name": "newStateRoot",
            "type": "uint256"
          },
          {
            "name": "queueEnd",
            "type": "uint256"
          },
          {
            "name": "exitRoot",
            "type": "uint256"
          },
          {
            "name": "txListCommitment",
            "type": "uint256"
          },
          {
            "name": "dataCommitment",
            "type": "uint256"
          },
          {
            "name": "blobShare",
            "type": "uint256"
          }
        ],
        "name": "claims",
        "type": "tuple[]"
      }
    ],
    "name": "commitBatchCalldata",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "custody",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "depositBond",
    "outputs": [],
    "stateMutability": "payable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "amount",
        "type": "uint256"
      },
      {
        "name": "toIndex",
        "type": "uint256"
      },
      {
        "name": "pubKeyX",
        "type": "uint256"
      },
      {
        "name": "pubKeyY",
        "type": "uint256"
      }
    ],
    "name": "depositETH",
    "outputs": [],
    "stateMutability": "payable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "name": "amount",
        "type": "uint256"
      },
      {
        "name": "toIndex",
        "type": "uint256"
      },
      {
        "name": "pubKeyX",
        "type": "uint256"
      },
      {
        "name": "pubKeyY",
        "type": "uint256"
      }
    ],
    "name": "depositToken",
    "outputs": [],
    "stateMutability": "payable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "depth",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "domain",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "escapeDelay",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "escapeHatch",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "exitDepth",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      }
    ],
    "name": "finalize",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "fromIndex",
        "type": "uint256"
      },
      {
        "name": "toIndex",
        "type": "uint256"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "forcedTransfer",
    "outputs": [],
    "stateMutability": "payable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "fromIndex",
        "type": "uint256"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "forcedWithdraw",
    "outputs": [],
    "stateMutability": "payable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "genesisStateRoot",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "handoverDelay",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "handoverEta",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "heads",
    "outputs": [
      {
        "name": "queueLength_",
        "type": "uint256"
      },
      {
        "name": "committedQueue",
        "type": "uint256"
      },
      {
        "name": "finalizedQueue",
        "type": "uint256"
      },
      {
        "name": "committedBatches",
        "type": "uint256"
      },
      {
        "name": "finalizedBatches",
        "type": "uint256"
      },
      {
        "name": "escapeMode",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "inclusionDelay",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      },
      {
        "name": "position",
        "type": "uint256"
      }
    ],
    "name": "isExitClaimed",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "lastCommittedStateRoot",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "lastFinalizedStateRoot",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "token",
        "type": "address"
      }
    ],
    "name": "listToken",
    "outputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "maxChunksPerBatch",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "minBond",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "nFee",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "nQueue",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "nTx",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      },
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "owed",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "pendingSequencer",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "permissionless",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      }
    ],
    "name": "proofDeadline",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "proofWindow",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "next",
        "type": "address"
      }
    ],
    "name": "proposeSequencer",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      },
      {
        "name": "publicInputs",
        "type": "uint256[11]"
      },
      {
        "components": [
          {
            "name": "a",
            "type": "uint256[2]"
          },
          {
            "name": "b",
            "type": "uint256[2][2]"
          },
          {
            "name": "c",
            "type": "uint256[2]"
          }
        ],
        "name": "proof",
        "type": "tuple"
      }
    ],
    "name": "prove",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "pos",
        "type": "uint256"
      }
    ],
    "name": "queueEntryTime",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "queueFee",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "queueFeeBase",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "queueFeeStep",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "pos",
        "type": "uint256"
      }
    ],
    "name": "queueFeesBefore",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "n",
        "type": "uint256"
      }
    ],
    "name": "queueHashAt",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "queueLength",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "requestBondWithdrawal",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "fromBatch",
        "type": "uint256"
      }
    ],
    "name": "revertExpiredBatches",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "sequencer",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "index",
        "type": "uint256"
      },
      {
        "name": "pubKeyX",
        "type": "uint256"
      },
      {
        "name": "pubKeyY",
        "type": "uint256"
      }
    ],
    "name": "setKey",
    "outputs": [],
    "stateMutability": "payable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      },
      {
        "name": "amount",
        "type": "uint256"
      },
      {
        "name": "reporter",
        "type": "address"
      }
    ],
    "name": "slashBond",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "slasher",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "tokenAddress",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "tokenCount",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "token",
        "type": "address"
      }
    ],
    "name": "tokenIdOf",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "verifier",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "to",
        "type": "address"
      }
    ],
    "name": "withdrawBond",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "name": "to",
        "type": "address"
      }
    ],
    "name": "withdrawOwed",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "index",
        "type": "uint256"
      }
    ],
    "name": "AccountAlreadyWithdrawn",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "index",
        "type": "uint256"
      }
    ],
    "name": "AccountIndexOutOfRange",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "position",
        "type": "uint256"
      }
    ],
    "name": "DepositAlreadyRefunded",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "position",
        "type": "uint256"
      }
    ],
    "name": "EntryAlreadyConsumed",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "position",
        "type": "uint256"
      }
    ],
    "name": "EntryMismatch",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "EscapeModeInactive",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "position",
        "type": "uint256"
      },
      {
        "name": "availableAt",
        "type": "uint256"
      }
    ],
    "name": "EscapeNotAvailable",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "InvalidAccountProof",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "LeafFieldOutOfRange",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "NotDelegated",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "computed",
        "type": "uint256"
      },
      {
        "name": "frozen",
        "type": "uint256"
      }
    ],
    "name": "StateRootMismatch",
    "type": "error"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "position",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "sender",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "DepositRefunded",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": false,
        "name": "stateRoot",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "finalizedBatch",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "overduePosition",
        "type": "uint256"
      }
    ],
    "name": "EscapeModeActivated",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "accountIndex",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "owner",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "EscapeWithdrawal",
    "type": "event"
  },
  {
    "inputs": [],
    "name": "activateEscapeMode",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "escapeMode",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "position",
        "type": "uint256"
      },
      {
        "components": [
          {
            "name": "sender",
            "type": "address"
          },
          {
            "name": "toIndex",
            "type": "uint256"
          },
          {
            "name": "tokenId",
            "type": "uint256"
          },
          {
            "name": "amount",
            "type": "uint256"
          },
          {
            "name": "pubKeyX",
            "type": "uint256"
          },
          {
            "name": "pubKeyY",
            "type": "uint256"
          }
        ],
        "name": "d",
        "type": "tuple"
      }
    ],
    "name": "escapeRefundDeposit",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "accountIndex",
        "type": "uint256"
      },
      {
        "components": [
          {
            "name": "pubKeyX",
            "type": "uint256"
          },
          {
            "name": "pubKeyY",
            "type": "uint256"
          },
          {
            "name": "balance",
            "type": "uint256"
          },
          {
            "name": "owner",
            "type": "address"
          },
          {
            "name": "tokenId",
            "type": "uint256"
          },
          {
            "name": "nonce",
            "type": "uint256"
          }
        ],
        "name": "leaf",
        "type": "tuple"
      },
      {
        "name": "accountRoot",
        "type": "uint256"
      },
      {
        "name": "nextIndex",
        "type": "uint256"
      },
      {
        "name": "siblings",
        "type": "uint256[]"
      }
    ],
    "name": "escapeWithdraw",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "accountIndex",
        "type": "uint256"
      }
    ],
    "name": "isAccountWithdrawn",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "position",
        "type": "uint256"
      }
    ],
    "name": "isDepositRefunded",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  }
] as const

/** The Groth16 verifier of the chunk circuit (`verifyProof` with eleven public inputs). */
export const iChunkVerifierAbi = [
  {
    "inputs": [
      {
        "name": "a",
        "type": "uint256[2]"
      },
      {
        "name": "b",
        "type": "uint256[2][2]"
      },
      {
        "name": "c",
        "type": "uint256[2]"
      },
      {
        "name": "input",
        "type": "uint256[11]"
      }
    ],
    "name": "verifyProof",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  }
] as const

/** Slashes the sequencer bond for a broken preconfirmation (created by the rollup: `slasher()`). */
export const preconfirmationSlasherAbi = [
  {
    "inputs": [
      {
        "name": "rollup_",
        "type": "address"
      },
      {
        "name": "poseidon2",
        "type": "address"
      },
      {
        "name": "poseidon3",
        "type": "address"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "constructor"
  },
  {
    "inputs": [
      {
        "name": "sequence",
        "type": "uint256"
      }
    ],
    "name": "AlreadySlashed",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "BadGroup",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "length",
        "type": "uint256"
      },
      {
        "name": "expected",
        "type": "uint256"
      }
    ],
    "name": "BadProofLength",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "BadSignature",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      }
    ],
    "name": "BatchNotFinalized",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "deadline",
        "type": "uint256"
      }
    ],
    "name": "DeadlineNotPassed",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "NotLastChunk",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "SameTransaction",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "committedUpTo",
        "type": "uint256"
      }
    ],
    "name": "SequenceCommitted",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "TxListMismatch",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "batch",
        "type": "uint256"
      },
      {
        "name": "chunk",
        "type": "uint256"
      }
    ],
    "name": "UnknownChunk",
    "type": "error"
  },
  {
    "inputs": [
      {
        "name": "signer",
        "type": "address"
      },
      {
        "name": "expected",
        "type": "address"
      }
    ],
    "name": "WrongSigner",
    "type": "error"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "sequence",
        "type": "uint256"
      },
      {
        "indexed": true,
        "name": "signer",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "reporter",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "reason",
        "type": "uint8"
      },
      {
        "indexed": false,
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "PreconfirmationSlashed",
    "type": "event"
  },
  {
    "inputs": [],
    "name": "EQUIVOCATED",
    "outputs": [
      {
        "name": "",
        "type": "uint8"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "GROUP_TYPEHASH",
    "outputs": [
      {
        "name": "",
        "type": "bytes32"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "LEAF_TYPEHASH",
    "outputs": [
      {
        "name": "",
        "type": "bytes32"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "MAX_GROUP",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "MISSED",
    "outputs": [
      {
        "name": "",
        "type": "uint8"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "REORDERED",
    "outputs": [
      {
        "name": "",
        "type": "uint8"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "domainSeparator",
    "outputs": [
      {
        "name": "",
        "type": "bytes32"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "rollup",
    "outputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "sequence",
            "type": "uint64"
          },
          {
            "name": "txHash",
            "type": "bytes32"
          },
          {
            "name": "l1Deadline",
            "type": "uint64"
          },
          {
            "name": "firstSequence",
            "type": "uint64"
          },
          {
            "name": "count",
            "type": "uint64"
          },
          {
            "name": "proof",
            "type": "bytes32[]"
          },
          {
            "name": "signature",
            "type": "bytes"
          }
        ],
        "name": "p",
        "type": "tuple"
      }
    ],
    "name": "signerOf",
    "outputs": [
      {
        "name": "signer",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "sequence",
            "type": "uint64"
          },
          {
            "name": "txHash",
            "type": "bytes32"
          },
          {
            "name": "l1Deadline",
            "type": "uint64"
          },
          {
            "name": "firstSequence",
            "type": "uint64"
          },
          {
            "name": "count",
            "type": "uint64"
          },
          {
            "name": "proof",
            "type": "bytes32[]"
          },
          {
            "name": "signature",
            "type": "bytes"
          }
        ],
        "name": "p",
        "type": "tuple"
      },
      {
        "components": [
          {
            "name": "sequence",
            "type": "uint64"
          },
          {
            "name": "txHash",
            "type": "bytes32"
          },
          {
            "name": "l1Deadline",
            "type": "uint64"
          },
          {
            "name": "firstSequence",
            "type": "uint64"
          },
          {
            "name": "count",
            "type": "uint64"
          },
          {
            "name": "proof",
            "type": "bytes32[]"
          },
          {
            "name": "signature",
            "type": "bytes"
          }
        ],
        "name": "q",
        "type": "tuple"
      }
    ],
    "name": "slashEquivocation",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "sequence",
            "type": "uint64"
          },
          {
            "name": "txHash",
            "type": "bytes32"
          },
          {
            "name": "l1Deadline",
            "type": "uint64"
          },
          {
            "name": "firstSequence",
            "type": "uint64"
          },
          {
            "name": "count",
            "type": "uint64"
          },
          {
            "name": "proof",
            "type": "bytes32[]"
          },
          {
            "name": "signature",
            "type": "bytes"
          }
        ],
        "name": "p",
        "type": "tuple"
      },
      {
        "name": "firstSeq",
        "type": "uint256"
      },
      {
        "name": "txCount",
        "type": "uint256"
      },
      {
        "name": "root",
        "type": "uint256"
      },
      {
        "name": "chunkInputs",
        "type": "uint256[]"
      }
    ],
    "name": "slashMissed",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "components": [
          {
            "name": "sequence",
            "type": "uint64"
          },
          {
            "name": "txHash",
            "type": "bytes32"
          },
          {
            "name": "l1Deadline",
            "type": "uint64"
          },
          {
            "name": "firstSequence",
            "type": "uint64"
          },
          {
            "name": "count",
            "type": "uint64"
          },
          {
            "name": "proof",
            "type": "bytes32[]"
          },
          {
            "name": "signature",
            "type": "bytes"
          }
        ],
        "name": "p",
        "type": "tuple"
      },
      {
        "components": [
          {
            "name": "batch",
            "type": "uint256"
          },
          {
            "name": "chunk",
            "type": "uint256"
          },
          {
            "name": "firstSeq",
            "type": "uint256"
          },
          {
            "name": "txCount",
            "type": "uint256"
          },
          {
            "name": "root",
            "type": "uint256"
          },
          {
            "name": "slot",
            "type": "uint256"
          },
          {
            "name": "txHash",
            "type": "uint256"
          },
          {
            "name": "siblings",
            "type": "uint256[]"
          },
          {
            "name": "exitRoot",
            "type": "uint256"
          }
        ],
        "name": "o",
        "type": "tuple"
      }
    ],
    "name": "slashReordered",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "sequence",
        "type": "uint256"
      }
    ],
    "name": "slashed",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  }
] as const

/** TESTS ONLY, INSECURE: accepts fake proofs bound to the public inputs. */
export const insecureMockChunkVerifierAbi = [
  {
    "inputs": [
      {
        "name": "input",
        "type": "uint256[11]"
      }
    ],
    "name": "fakeProofFor",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "pure",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "a",
        "type": "uint256[2]"
      },
      {
        "name": "b",
        "type": "uint256[2][2]"
      },
      {
        "name": "c",
        "type": "uint256[2]"
      },
      {
        "name": "input",
        "type": "uint256[11]"
      }
    ],
    "name": "verifyProof",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "pure",
    "type": "function"
  }
] as const

/** TESTS ONLY: a mintable ERC-20 with a transfer fee and a blocklist. */
export const testTokenAbi = [
  {
    "inputs": [
      {
        "name": "name_",
        "type": "string"
      },
      {
        "name": "symbol_",
        "type": "string"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "constructor"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "owner",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "spender",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "value",
        "type": "uint256"
      }
    ],
    "name": "Approval",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "name": "from",
        "type": "address"
      },
      {
        "indexed": true,
        "name": "to",
        "type": "address"
      },
      {
        "indexed": false,
        "name": "value",
        "type": "uint256"
      }
    ],
    "name": "Transfer",
    "type": "event"
  },
  {
    "inputs": [
      {
        "name": "",
        "type": "address"
      },
      {
        "name": "",
        "type": "address"
      }
    ],
    "name": "allowance",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "spender",
        "type": "address"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "approve",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "name": "balanceOf",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "",
        "type": "address"
      }
    ],
    "name": "blocked",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "decimals",
    "outputs": [
      {
        "name": "",
        "type": "uint8"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "feeBps",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "to",
        "type": "address"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "mint",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "name",
    "outputs": [
      {
        "name": "",
        "type": "string"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "account",
        "type": "address"
      },
      {
        "name": "isBlocked",
        "type": "bool"
      }
    ],
    "name": "setBlocked",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "bps",
        "type": "uint256"
      }
    ],
    "name": "setFeeBps",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "symbol",
    "outputs": [
      {
        "name": "",
        "type": "string"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "totalSupply",
    "outputs": [
      {
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "to",
        "type": "address"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "transfer",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "name": "from",
        "type": "address"
      },
      {
        "name": "to",
        "type": "address"
      },
      {
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "transferFrom",
    "outputs": [
      {
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  }
] as const
