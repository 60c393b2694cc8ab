// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RollupBase} from "./RollupBase.sol";
import {L1Queue} from "./L1Queue.sol";
import {SequencerRole} from "./SequencerRole.sol";
import {EscapeHatch} from "./EscapeHatch.sol";
import {RollupConfig} from "./RollupTypes.sol";

/**
 * @title CounterweightRollup
 * @notice The Counterweight rollup on L1: the forced-inclusion queue (`L1Queue`), the
 * sequencer role and bond (`SequencerRole`), batch commit / prove / finalize (`Batches`),
 * exits (`Exits`) and escape mode (`EscapeHatch`), over one immutable configuration
 * (`RollupBase`). Not upgradable; no owner. See docs/contracts.md.
 */
contract CounterweightRollup is EscapeHatch {
    constructor(RollupConfig memory config)
        RollupBase(config)
        L1Queue(config.queueFeeBase, config.queueFeeStep)
        SequencerRole(config)
    {}
}
