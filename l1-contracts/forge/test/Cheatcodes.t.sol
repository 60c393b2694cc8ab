// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "../Test.sol";
import {Vm} from "../Vm.sol";

/// A small vault to exercise the cheatcodes against: owner, time lock, deposits with events.
contract Vault {
    error NotOwner(address caller);
    error Locked(uint256 until);

    event Deposited(address indexed from, uint256 amount, uint256 blockNumber);

    address public immutable owner;
    uint256 public unlockTime;
    uint256 public total;
    address public lastOrigin;

    constructor(address owner_, uint256 unlockTime_) {
        owner = owner_;
        unlockTime = unlockTime_;
    }

    function deposit() external payable {
        total += msg.value;
        lastOrigin = tx.origin;
        emit Deposited(msg.sender, msg.value, block.number);
    }

    function withdraw(address payable to) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (block.timestamp < unlockTime) revert Locked(unlockTime);
        uint256 amount = address(this).balance;
        total = 0;
        to.transfer(amount);
    }

    function mustBeSmall(uint256 x) external pure returns (uint256) {
        require(x < 100, "too big");
        return x;
    }
}

/// Shows that forge runs through the solc-js shim with our own Vm and Test: pranks, time,
/// balances, expected reverts and events, fuzzing with assume/bound, snapshots, logs.
contract CheatcodesTest is Test {
    event Deposited(address indexed from, uint256 amount, uint256 blockNumber);

    Vault internal vault;
    address internal owner;
    address internal alice;

    function setUp() public {
        owner = makeAddr("owner");
        alice = makeAddr("alice");
        vault = new Vault(owner, 1_000_000);
        vm.label(address(vault), "Vault");
    }

    function test_prankAndExpectRevertWithCustomError() public {
        vm.warp(2_000_000);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Vault.NotOwner.selector, alice));
        vault.withdraw(payable(alice));
    }

    function test_warpUnlocks() public {
        vm.deal(address(vault), 5 ether);
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(Vault.Locked.selector, 1_000_000));
        vault.withdraw(payable(alice));
        vm.warp(1_000_000);
        vault.withdraw(payable(alice));
        vm.stopPrank();
        assertEq(alice.balance, 5 ether);
        assertEq(address(vault).balance, 0);
    }

    function test_expectEmitAndRoll() public {
        vm.roll(12345);
        vm.deal(alice, 1 ether);
        vm.expectEmit(true, false, false, true, address(vault));
        emit Deposited(alice, 0.25 ether, 12345);
        vm.prank(alice, address(0xB0B));
        vault.deposit{value: 0.25 ether}();
        assertEq(vault.total(), 0.25 ether);
        assertEq(vault.lastOrigin(), address(0xB0B), "tx.origin from prank(sender, origin)");
    }

    function test_expectRevertWithReasonAndBareSelector() public {
        vm.expectRevert(bytes("too big"));
        vault.mustBeSmall(100);
        vm.expectRevert();
        vault.mustBeSmall(1000);
        vm.expectPartialRevert(Vault.NotOwner.selector);
        vault.withdraw(payable(alice));
    }

    function test_snapshotAndRecordedLogs() public {
        uint256 snap = vm.snapshotState();
        vm.deal(alice, 1 ether);
        vm.recordLogs();
        vm.prank(alice);
        vault.deposit{value: 1 ether}();
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        assertEq(logs[0].topics[0], Deposited.selector);
        assertEq(logs[0].emitter, address(vault));
        assertTrue(vm.revertToState(snap));
        assertEq(vault.total(), 0, "state reverted to the snapshot");
    }

    function test_signatures() public pure {
        uint256 key = 0xA11CE;
        bytes32 digest = keccak256("counterweight");
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        assertEq(ecrecover(digest, v, r, s), vm.addr(key));
    }

    function testFuzz_depositAdds(uint96 a, uint96 b) public {
        vm.assume(a > 0 && b > 0);
        vm.deal(alice, uint256(a) + b);
        vm.startPrank(alice);
        vault.deposit{value: a}();
        vault.deposit{value: b}();
        vm.stopPrank();
        assertEq(vault.total(), uint256(a) + b);
    }

    function testFuzz_bound(uint256 x) public pure {
        uint256 y = bound(x, 10, 99);
        assertGe(y, 10);
        assertLe(y, 99);
    }
}

/// Deposits from random senders; the vault's books must match its balance.
contract VaultHandler is Test {
    Vault public immutable vault;

    constructor(Vault vault_) {
        vault = vault_;
    }

    function deposit(uint96 amount) external {
        vm.deal(address(this), amount);
        vault.deposit{value: amount}();
    }
}

contract VaultInvariantTest is Test {
    Vault internal vault;
    VaultHandler internal handler;

    function setUp() public {
        vault = new Vault(address(1), type(uint256).max);
        handler = new VaultHandler(vault);
        targetContract(address(handler));
    }

    function invariant_booksMatchBalance() public view {
        assertEq(vault.total(), address(vault).balance);
    }
}
