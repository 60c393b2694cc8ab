// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm, VM_ADDRESS} from "./Vm.sol";
import {IPoseidonT3, IPoseidonT4, IPoseidonT5, IPoseidonT6} from "../src/poseidon/IPoseidon.sol";

/**
 * @title PoseidonDeployer
 * @notice Deploys the generated Poseidon hashers inside forge tests, from the artifacts of
 * the L1 build (`npx tsx l1-contracts/build/compile.ts` writes them to
 * l1-contracts/build/contracts; foundry.toml grants forge read access there).
 * @dev Example:
 * ```solidity
 * IPoseidonT3 t3 = PoseidonDeployer.deployT3();
 * uint256 node = t3.hash2(1, 2);
 * ```
 */
library PoseidonDeployer {
    Vm private constant vm = Vm(VM_ADDRESS);

    function deployT3() internal returns (IPoseidonT3) {
        return IPoseidonT3(deploy("PoseidonT3"));
    }

    function deployT4() internal returns (IPoseidonT4) {
        return IPoseidonT4(deploy("PoseidonT4"));
    }

    function deployT5() internal returns (IPoseidonT5) {
        return IPoseidonT5(deploy("PoseidonT5"));
    }

    function deployT6() internal returns (IPoseidonT6) {
        return IPoseidonT6(deploy("PoseidonT6"));
    }

    /// @notice Deploys the creation code of artifact `name` (e.g. "PoseidonT3") and labels it.
    function deploy(string memory name) internal returns (address a) {
        bytes memory code = vm.getCode(string.concat("l1-contracts/build/contracts/", name, ".json"));
        assembly ("memory-safe") {
            a := create(0, add(code, 0x20), mload(code))
        }
        require(a != address(0) && a.code.length > 0, string.concat("PoseidonDeployer: could not deploy ", name));
        vm.label(a, name);
    }
}
