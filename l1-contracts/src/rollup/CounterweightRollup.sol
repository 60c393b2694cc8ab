// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RollupBase} from "./RollupBase.sol";
import {L1Queue} from "./L1Queue.sol";
import {SequencerRole} from "./SequencerRole.sol";
import {Exits} from "./Exits.sol";
import {EscapeHatch} from "./EscapeHatch.sol";
import {RollupConfig} from "./RollupTypes.sol";

/**
 * @title CounterweightRollup
 * @notice The Counterweight rollup on L1: the forced-inclusion queue (`L1Queue`), the
 * sequencer role and bond (`SequencerRole`), batch commit / prove / finalize (`Batches`) and
 * exits (`Exits`), over one immutable configuration (`RollupBase`). Escape mode
 * (`EscapeHatch`) is a contract this constructor creates with the same configuration; every
 * call the rollup does not know itself is delegated to it, so `activateEscapeMode`,
 * `escapeWithdraw`, `escapeRefundDeposit`, `escapeMode`, `isAccountWithdrawn` and
 * `isDepositRefunded` are called on the rollup's address and run on its storage (this keeps
 * the rollup well under the EIP-170 size limit). Not upgradable; no owner. See
 * docs/contracts.md.
 */
contract CounterweightRollup is Exits {
    /// The `EscapeHatch` this rollup created and delegates the escape functions to.
    address public immutable escapeHatch;

    constructor(RollupConfig memory config)
        RollupBase(config)
        L1Queue(config.queueFeeBase, config.queueFeeStep)
        SequencerRole(config)
    {
        escapeHatch = address(new EscapeHatch(config));
    }

    /// @dev Runs the escape functions (and answers unknown selectors, by reverting) in
    /// `escapeHatch`'s code on this contract's storage. Not payable: plain ether is refused.
    fallback() external {
        address target = escapeHatch;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }
}
