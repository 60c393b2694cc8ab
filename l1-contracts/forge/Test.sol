// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm, VM_ADDRESS} from "./Vm.sol";

/**
 * @title Test
 * @notice A small base for forge tests, written for this project (forge-std is not
 * installable here): the cheatcode handle `vm`, assertions that revert with a readable
 * message (forge reports a reverting test as failed, with the message), fuzzing helpers
 * (`bound`, `makeAddr`) and the invariant-target hooks forge reads (`targetContract`,
 * `excludeContract`, `targetSender`).
 * @dev Example:
 * ```solidity
 * import {Test} from "../Test.sol";
 * contract CounterTest is Test {
 *     function test_increments() public { counter.inc(); assertEq(counter.n(), 1); }
 *     function testFuzz_set(uint256 x) public { counter.set(x); assertEq(counter.n(), x, "set"); }
 * }
 * ```
 */
abstract contract Test {
    Vm internal constant vm = Vm(VM_ADDRESS);

    /// @notice Emitted by forge-std-style tools; kept so logs decode the same way.
    event log_named_uint(string key, uint256 val);

    // ------------------------------------------------------------------ failures

    /// @notice Fails the current test with `message`.
    function fail(string memory message) internal pure virtual {
        revert(message);
    }

    function _fail(string memory what, string memory left, string memory right, string memory message) private pure {
        string memory detail = string.concat(what, " failed: ", left, " vs ", right);
        revert(bytes(message).length == 0 ? detail : string.concat(message, ": ", detail));
    }

    // ------------------------------------------------------------------ booleans

    function assertTrue(bool condition) internal pure {
        if (!condition) revert("assertTrue failed");
    }

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert(string.concat(message, ": assertTrue failed"));
    }

    function assertFalse(bool condition) internal pure {
        if (condition) revert("assertFalse failed");
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) revert(string.concat(message, ": assertFalse failed"));
    }

    // ------------------------------------------------------------------ equality

    function assertEq(uint256 a, uint256 b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(uint256 a, uint256 b, string memory message) internal pure {
        if (a != b) _fail("assertEq(uint256)", vm.toString(a), vm.toString(b), message);
    }

    function assertEq(int256 a, int256 b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(int256 a, int256 b, string memory message) internal pure {
        if (a != b) _fail("assertEq(int256)", vm.toString(a), vm.toString(b), message);
    }

    function assertEq(address a, address b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(address a, address b, string memory message) internal pure {
        if (a != b) _fail("assertEq(address)", vm.toString(a), vm.toString(b), message);
    }

    function assertEq(bytes32 a, bytes32 b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(bytes32 a, bytes32 b, string memory message) internal pure {
        if (a != b) _fail("assertEq(bytes32)", vm.toString(a), vm.toString(b), message);
    }

    function assertEq(bool a, bool b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(bool a, bool b, string memory message) internal pure {
        if (a != b) _fail("assertEq(bool)", vm.toString(a), vm.toString(b), message);
    }

    function assertEq(bytes memory a, bytes memory b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(bytes memory a, bytes memory b, string memory message) internal pure {
        if (keccak256(a) != keccak256(b)) _fail("assertEq(bytes)", vm.toString(a), vm.toString(b), message);
    }

    function assertEq(string memory a, string memory b) internal pure {
        assertEq(a, b, "");
    }

    function assertEq(string memory a, string memory b, string memory message) internal pure {
        if (keccak256(bytes(a)) != keccak256(bytes(b))) _fail("assertEq(string)", a, b, message);
    }

    function assertNotEq(uint256 a, uint256 b) internal pure {
        assertNotEq(a, b, "");
    }

    function assertNotEq(uint256 a, uint256 b, string memory message) internal pure {
        if (a == b) _fail("assertNotEq(uint256)", vm.toString(a), vm.toString(b), message);
    }

    function assertNotEq(bytes32 a, bytes32 b) internal pure {
        if (a == b) _fail("assertNotEq(bytes32)", vm.toString(a), vm.toString(b), "");
    }

    // ------------------------------------------------------------------ ordering

    function assertLt(uint256 a, uint256 b) internal pure {
        assertLt(a, b, "");
    }

    function assertLt(uint256 a, uint256 b, string memory message) internal pure {
        if (!(a < b)) _fail("assertLt", vm.toString(a), vm.toString(b), message);
    }

    function assertLe(uint256 a, uint256 b) internal pure {
        assertLe(a, b, "");
    }

    function assertLe(uint256 a, uint256 b, string memory message) internal pure {
        if (!(a <= b)) _fail("assertLe", vm.toString(a), vm.toString(b), message);
    }

    function assertGt(uint256 a, uint256 b) internal pure {
        assertGt(a, b, "");
    }

    function assertGt(uint256 a, uint256 b, string memory message) internal pure {
        if (!(a > b)) _fail("assertGt", vm.toString(a), vm.toString(b), message);
    }

    function assertGe(uint256 a, uint256 b) internal pure {
        assertGe(a, b, "");
    }

    function assertGe(uint256 a, uint256 b, string memory message) internal pure {
        if (!(a >= b)) _fail("assertGe", vm.toString(a), vm.toString(b), message);
    }

    // ------------------------------------------------------------------ fuzzing helpers

    /// @notice Maps a fuzzed `x` into `[min, max]` (values already inside are kept).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @notice A deterministic address for `name`, labelled in traces.
    function makeAddr(string memory name) internal returns (address a) {
        a = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(a, name);
    }

    /// @notice Deploys creation code `code` (e.g. from `vm.getCode`), reverting if creation fails.
    function deployCode(bytes memory code) internal returns (address a) {
        assembly ("memory-safe") {
            a := create(0, add(code, 0x20), mload(code))
        }
        require(a != address(0), "deployCode: creation failed");
    }

    // ------------------------------------------------------------------ invariant targets (read by forge)

    address[] private _targetedContracts;
    address[] private _excludedContracts;
    address[] private _targetedSenders;

    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    function excludeContract(address target) internal {
        _excludedContracts.push(target);
    }

    function targetSender(address sender) internal {
        _targetedSenders.push(sender);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    function excludeContracts() public view returns (address[] memory) {
        return _excludedContracts;
    }

    function targetSenders() public view returns (address[] memory) {
        return _targetedSenders;
    }
}
