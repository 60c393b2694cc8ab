// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title SafeTransfer
 * @notice ETH and ERC-20 transfers that report failure instead of reverting, copy no return
 * data beyond one word, and accept tokens that return nothing.
 */
library SafeTransfer {
    /// @notice Gas forwarded with an ETH payout: enough for smart wallets, not for griefing.
    uint256 internal constant ETH_PAYOUT_GAS = 100_000;

    /// @notice Sends `amount` wei to `to` with {ETH_PAYOUT_GAS}; false if the call fails.
    function tryEth(address to, uint256 amount) internal returns (bool ok) {
        assembly ("memory-safe") {
            ok := call(ETH_PAYOUT_GAS, to, amount, 0, 0, 0, 0)
        }
    }

    /// @notice Sends `amount` wei to `to` with all gas; false if the call fails.
    function tryEthAllGas(address to, uint256 amount) internal returns (bool ok) {
        assembly ("memory-safe") {
            ok := call(gas(), to, amount, 0, 0, 0, 0)
        }
    }

    /// @notice `token.transfer(to, amount)`; true if it did not revert and returned true or nothing.
    function tryTransfer(address token, address to, uint256 amount) internal returns (bool) {
        return _call(token, abi.encodeWithSelector(0xa9059cbb, to, amount));
    }

    /// @notice `token.transferFrom(from, to, amount)`; true if it did not revert and returned true or nothing.
    function tryTransferFrom(address token, address from, address to, uint256 amount) internal returns (bool) {
        return _call(token, abi.encodeWithSelector(0x23b872dd, from, to, amount));
    }

    /// @notice `token.balanceOf(account)`, or 0 if the call fails.
    function balanceOf(address token, address account) internal view returns (uint256 b) {
        bytes memory data = abi.encodeWithSelector(0x70a08231, account);
        assembly ("memory-safe") {
            mstore(0, 0)
            let ok := staticcall(gas(), token, add(data, 0x20), mload(data), 0, 0x20)
            b := mul(mload(0), and(ok, gt(returndatasize(), 0x1f)))
        }
    }

    function _call(address token, bytes memory data) private returns (bool ok) {
        assembly ("memory-safe") {
            mstore(0, 0)
            ok := call(gas(), token, 0, add(data, 0x20), mload(data), 0, 0x20)
            // Success: no return data from a contract, or a first word equal to 1.
            switch returndatasize()
            case 0 { ok := and(ok, gt(extcodesize(token), 0)) }
            default { ok := and(ok, and(gt(returndatasize(), 0x1f), eq(mload(0), 1))) }
        }
    }
}
