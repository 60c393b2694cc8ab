// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "../Test.sol";
import {PoseidonDeployer} from "../PoseidonDeployer.sol";
import {
    IPoseidonT3, IPoseidonT4, IPoseidonT5, IPoseidonT6, PoseidonInputOutOfRange
} from "../../src/poseidon/IPoseidon.sol";
import {PoseidonCall} from "../../src/poseidon/PoseidonCall.sol";

/// The generated hashers seen from Solidity: known values (from protocol/'s poseidon), the
/// PoseidonCall library against the interface calls, and the refusal of inputs >= p.
contract PoseidonTest is Test {
    uint256 internal constant P = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    IPoseidonT3 internal t3;
    IPoseidonT4 internal t4;
    IPoseidonT5 internal t5;
    IPoseidonT6 internal t6;

    function setUp() public {
        t3 = PoseidonDeployer.deployT3();
        t4 = PoseidonDeployer.deployT4();
        t5 = PoseidonDeployer.deployT5();
        t6 = PoseidonDeployer.deployT6();
    }

    function test_knownValues() public view {
        assertEq(t3.hash2(1, 2), 7853200120776062878684798364095072458815029376092732009249414926327459813530);
        assertEq(t4.hash3(1, 2, 3), 6542985608222806190361240322586112750744169038454362455181422643027100751666);
        assertEq(t5.hash4(1, 2, 3, 4), 18821383157269793795438455681495246036402687001665670618754263018637548127333);
        assertEq(t6.hash5(1, 2, 3, 4, 5), 6183221330272524995739186171720101788151706631170188140075976616310159254464);
        assertEq(t3.hash2(P - 1, P - 1), 20092309280547939997162506796691455192771288143174894022739895715370814071035);
        assertEq(
            t6.hash5(P - 1, P - 1, P - 1, P - 1, P - 1),
            14245385636416310751802326058548440958818944099491829547963012562257855165452
        );
    }

    function testFuzz_libraryMatchesInterface(uint256 a, uint256 b, uint256 c, uint256 d, uint256 e) public view {
        (a, b, c, d, e) = (a % P, b % P, c % P, d % P, e % P);
        uint256 h2 = PoseidonCall.hash2(t3, a, b);
        assertEq(h2, t3.hash2(a, b), "hash2");
        assertEq(h2, t3.hash([a, b]), "hash(uint256[2])");
        assertEq(h2, t3.poseidon([a, b]), "poseidon(uint256[2])");
        assertEq(PoseidonCall.hash3(t4, a, b, c), t4.poseidon([a, b, c]), "hash3");
        assertEq(PoseidonCall.hash4(t5, a, b, c, d), t5.hash([a, b, c, d]), "hash4");
        assertEq(PoseidonCall.hash5(t6, a, b, c, d, e), t6.hash([a, b, c, d, e]), "hash5");
    }

    function testFuzz_revertsAtOrAboveModulus(uint256 x, uint8 position) public {
        x = bound(x, P, type(uint256).max);
        uint256[5] memory v = [uint256(1), 2, 3, 4, 5];
        v[position % 5] = x;
        vm.expectRevert(PoseidonInputOutOfRange.selector);
        this.callT6(v);
        vm.expectRevert(PoseidonInputOutOfRange.selector);
        if (position % 2 == 0) this.callT3(x, 1);
        else this.callT3(1, x);
    }

    function callT6(uint256[5] memory v) external view returns (uint256) {
        return PoseidonCall.hash5(t6, v[0], v[1], v[2], v[3], v[4]);
    }

    function callT3(uint256 a, uint256 b) external view returns (uint256) {
        return PoseidonCall.hash2(t3, a, b);
    }

    function test_gas() public {
        t3.hash2(0, 0); // warm the accounts up
        t6.hash5(0, 0, 0, 0, 0);
        uint256 g = gasleft();
        PoseidonCall.hash2(t3, 1, 2);
        emit log_named_uint("PoseidonT3 hash2 via PoseidonCall (warm)", g - gasleft());
        g = gasleft();
        t3.hash2(1, 2);
        emit log_named_uint("PoseidonT3 hash2 via interface (warm)", g - gasleft());
        g = gasleft();
        PoseidonCall.hash5(t6, 1, 2, 3, 4, 5);
        emit log_named_uint("PoseidonT6 hash5 via PoseidonCall (warm)", g - gasleft());
    }
}
