// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
import {Test} from "forge/Test.sol";
contract SmokeTest is Test {
    function test_one() public pure { assertEq(uint256(1), 1); }
    function testFuzz_add(uint128 a, uint128 b) public pure { assertGe(uint256(a) + b, a); }
}
