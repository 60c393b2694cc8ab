// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../../Test.sol";
import {RollupFixture} from "./RollupFixture.sol";
import {IPoseidonT3, IPoseidonT4, IPoseidonT5} from "../../../src/poseidon/IPoseidon.sol";
import {EscapeHatch} from "../../../src/rollup/EscapeHatch.sol";
import {CounterweightRollup} from "../../../src/rollup/CounterweightRollup.sol";
import {InsecureMockChunkVerifier} from "../../../src/testing/InsecureMockChunkVerifier.sol";
import {
    AccountLeaf, BlobOpening, ChunkClaim, DepositEntry, FIELD_MODULUS, Groth16Proof
} from "../../../src/rollup/RollupTypes.sol";
import {FakeBlob} from "../../FakeBlob.sol";

/**
 * @title RollupHandler
 * @notice Drives the rollup for the invariant test: users deposit; an honest sequencer settles
 * batches (commit-and-prove with real Poseidon state and exit roots of a small model: user u
 * owns account u + 1); attackers commit unprovable batches, prove with made-up proofs,
 * finalize out of order, claim exits twice or with changed leaves, and start escape mode,
 * after which owners withdraw and unconsumed deposits are refunded. Every action that must
 * fail but succeeds sets `violations`.
 */
contract RollupHandler is Test {
    struct Exit {
        uint256 batch;
        uint256 position;
        address recipient;
        uint256 amount;
        uint256[] siblings;
        bool claimed;
        uint256 txList;
    }

    struct Deposit {
        address sender;
        uint256 amount;
    }

    CounterweightRollup internal immutable rollup;
    InsecureMockChunkVerifier internal immutable mock;
    IPoseidonT3 internal immutable t3;
    IPoseidonT4 internal immutable t4;
    IPoseidonT5 internal immutable t5;
    address internal immutable seq;
    address[4] internal users;

    // The model: balances of accounts 1..4 in the last finalized state.
    uint256[4] public balances;
    bool[4] public exists;
    Deposit[] internal deposits;
    Exit[] internal exits;
    mapping(uint256 batch => uint256) public honestRoot;
    mapping(bytes32 key => uint256) public successfulClaims;

    uint256 public deposited;
    uint256 public paidOut;
    uint256 public feesPaid;
    uint256 public violations;
    bool public sawEscape;
    uint256 public settled;
    uint256 public attacksRefused;

    constructor(CounterweightRollup r, InsecureMockChunkVerifier m, IPoseidonT3 h3, IPoseidonT4 h4, IPoseidonT5 h5, address s) {
        rollup = r;
        mock = m;
        t3 = h3;
        t4 = h4;
        t5 = h5;
        seq = s;
        for (uint256 i; i < 4; ++i) {
            users[i] = address(uint160(0xA11CE0 + i));
            vm.deal(users[i], 1_000_000 ether);
        }
        honestRoot[0] = r.genesisStateRoot();
    }

    // ------------------------------------------------------------------ users

    function deposit(uint256 user, uint256 amount) external {
        if (EscapeHatch(address(rollup)).escapeMode()) return;
        user = bound(user, 0, 3);
        amount = bound(amount, 0, 100 ether);
        uint256 fee = rollup.queueFee();
        vm.prank(users[user]);
        rollup.depositETH{value: amount + fee}(amount, 0, 0, 0);
        deposits.push(Deposit(users[user], amount));
        deposited += amount;
        feesPaid += fee;
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 3 hours));
    }

    // ------------------------------------------------------------------ honest sequencer

    /// Consumes the first `take` unconsumed deposits (all, if fewer would leave one overdue),
    /// credits them, pays `user` a withdrawal of up to its balance through the exit tree, and
    /// commits-and-proves the batch.
    struct Plan {
        uint256 fq;
        uint256 n;
        uint256 user;
        uint256 amount;
        uint256 stateRoot;
        uint256[4] bal;
        bool[4] ex;
        uint256[] leaves;
    }

    function settle(uint256 take, uint256 user, uint256 amount) external {
        if (EscapeHatch(address(rollup)).escapeMode()) return;
        Plan memory p = plan(take, user, amount);
        ChunkClaim[] memory cs = claimsOf(p);
        setBlob();
        Groth16Proof[] memory ps = proofs(cs, p.fq);
        BlobOpening memory o = opening(cs);
        vm.prank(seq);
        rollup.commitAndProve(cs, o, ps);
        (,,,, uint256 fb,) = rollup.heads();
        honestRoot[fb] = p.stateRoot;
        balances = p.bal;
        exists = p.ex;
        settled++;
        if (p.amount > 0) exits.push(Exit(fb, 2, users[p.user], p.amount, denseProof(p.leaves, 2), false, cs[0].txListCommitment));
    }

    function plan(uint256 take, uint256 user, uint256 amount) internal returns (Plan memory p) {
        (uint256 len,, uint256 fq, uint256 cb, uint256 fb,) = rollup.heads();
        if (cb > fb) vm.warp(rollup.proofDeadline(fb + 1) + 1); // let pending junk expire
        p.fq = fq;
        uint256 pending = len - fq;
        p.n = bound(take, 0, pending);
        if (p.n < pending && block.timestamp > rollup.queueEntryTime(fq + p.n) + rollup.inclusionDelay()) p.n = pending;
        p.bal = balances;
        p.ex = exists;
        for (uint256 i; i < p.n; ++i) {
            Deposit memory d = deposits[fq + i];
            uint256 u = uint160(d.sender) - 0xA11CE0;
            p.bal[u] += d.amount;
            p.ex[u] = true;
        }
        p.user = bound(user, 0, 3);
        p.amount = p.bal[p.user] == 0 ? 0 : bound(amount, 1, p.bal[p.user]);
        p.bal[p.user] -= p.amount;
        p.leaves = new uint256[](8);
        if (p.amount > 0) p.leaves[2] = t4.hash3(uint160(users[p.user]), 0, p.amount); // L2 slot 0 of chunk 0
        p.stateRoot = t3.hash2(accountRoot(p.bal, p.ex), 5);
    }

    function claimsOf(Plan memory p) internal view returns (ChunkClaim[] memory cs) {
        uint256 chunks = p.n == 0 ? 1 : (p.n + 1) / 2;
        cs = new ChunkClaim[](chunks);
        for (uint256 k; k < chunks; ++k) {
            uint256 end = p.fq + 2 * (k + 1);
            cs[k].queueEnd = end > p.fq + p.n ? p.fq + p.n : end;
            cs[k].newStateRoot = p.stateRoot;
            cs[k].exitRoot = denseRoot(k == 0 ? p.leaves : new uint256[](8));
            cs[k].txListCommitment = 1;
            cs[k].dataCommitment = 2;
            cs[k].blobShare = 3 + k;
        }
    }

    /// The opening of the transaction's blob that the shares of `cs` add up to.
    function opening(ChunkClaim[] memory cs) internal view returns (BlobOpening memory) {
        return FakeBlob.opening(blobhash(0), cs, [rollup.depth(), rollup.nTx(), rollup.nQueue(), rollup.nFee()]);
    }

    function proofs(ChunkClaim[] memory cs, uint256 fq) internal view returns (Groth16Proof[] memory ps) {
        ps = new Groth16Proof[](cs.length);
        uint256 old = rollup.lastFinalizedStateRoot();
        uint256 z = FakeBlob.challenge(blobhash(0), cs);
        for (uint256 k; k < cs.length; ++k) {
            uint256[11] memory pi;
            pi[0] = old;
            pi[1] = cs[k].newStateRoot;
            pi[2] = rollup.queueHashAt(k == 0 ? fq : cs[k - 1].queueEnd);
            pi[3] = rollup.queueHashAt(cs[k].queueEnd);
            pi[4] = cs[k].exitRoot;
            pi[5] = 1;
            pi[6] = 2;
            pi[7] = rollup.domain();
            FakeBlob.bind(pi, z, k, cs[k].blobShare);
            ps[k].a[0] = mock.fakeProofFor(pi);
            old = pi[1];
        }
    }

    // ------------------------------------------------------------------ attackers

    /// Commits a batch with made-up claims that nobody can prove.
    function commitJunk(uint256 seed) external {
        if (EscapeHatch(address(rollup)).escapeMode()) return;
        (uint256 len, uint256 cq,,,,) = rollup.heads();
        uint256 end = cq + bound(seed, 0, len - cq < 2 ? len - cq : 2);
        ChunkClaim[] memory cs = new ChunkClaim[](1);
        cs[0] = ChunkClaim(uint256(keccak256(abi.encode(seed))) % FIELD_MODULUS, end, seed % FIELD_MODULUS, 3, 4, 5);
        setBlob();
        BlobOpening memory o = opening(cs);
        vm.prank(seq);
        try rollup.commitBatch(cs, o) {} catch {}
    }

    /// Proves a pending chunk with a made-up proof, or with shifted inputs: must fail.
    function proveJunk(uint256 batch, uint256 seed) external {
        (,,, uint256 cb, uint256 fb,) = rollup.heads();
        batch = bound(batch, fb, cb + 1);
        uint256[11] memory pi;
        for (uint256 i; i < 11; ++i) pi[i] = uint256(keccak256(abi.encode(seed, i))) % FIELD_MODULUS;
        Groth16Proof memory p;
        p.a[0] = seed;
        p.c[1] = seed >> 128;
        try rollup.prove(batch, seed % 2, pi, p) {
            violations++;
        } catch {
            attacksRefused++;
        }
    }

    /// Finalizes any batch number: only the next, fully proven batch may finalize, and the
    /// honest sequencer finalizes its own at once, so this must always fail.
    function finalizeAny(uint256 batch) external {
        (,,, uint256 cb,,) = rollup.heads();
        try rollup.finalize(bound(batch, 0, cb + 1)) {
            violations++;
        } catch {
            attacksRefused++;
        }
    }

    /// Claims a known exit (again, possibly) or a forged variant of it.
    function claim(uint256 i, uint256 forge) external {
        if (exits.length == 0) return;
        Exit storage e = exits[bound(i, 0, exits.length - 1)];
        uint256 amount = e.amount;
        uint256 position = e.position;
        forge = bound(forge, 0, 3);
        if (forge == 1) amount += 1;
        else if (forge == 2) position = 3;
        bytes32 key = keccak256(abi.encode(e.batch, position));
        try rollup.claimExit(e.batch, 0, position, e.recipient, 0, amount, e.siblings, e.txList) {
            if (forge == 1 || forge == 2 || e.claimed) violations++;
            e.claimed = true;
            successfulClaims[key]++;
            paidOut += amount;
        } catch {
            if (forge == 0 && !e.claimed) violations++; // an honest first claim must succeed
        }
    }

    // ------------------------------------------------------------------ escape

    /// Starts escape mode (one call in four, so that runs also go deep before it).
    function escape(uint256 user) external {
        if (EscapeHatch(address(rollup)).escapeMode() || user % 4 != 0) return;
        (uint256 len,, uint256 fq,,,) = rollup.heads();
        if (fq == len) this.deposit(user / 4, 1 ether);
        (len,, fq,,,) = rollup.heads();
        vm.warp(rollup.queueEntryTime(fq) + rollup.escapeDelay() + 1);
        EscapeHatch(address(rollup)).activateEscapeMode();
        sawEscape = true;
    }

    function escapeWithdraw(uint256 user) external {
        if (!EscapeHatch(address(rollup)).escapeMode()) return;
        user = bound(user, 0, 3);
        if (!exists[user]) return;
        AccountLeaf memory leaf = AccountLeaf(0, 0, balances[user], users[user], 0, 0);
        bool before = EscapeHatch(address(rollup)).isAccountWithdrawn(user + 1);
        try EscapeHatch(address(rollup)).escapeWithdraw(user + 1, leaf, accountRoot(balances, exists), 5, accountProof(user + 1)) {
            if (before) violations++;
            paidOut += balances[user];
        } catch {
            if (!before) violations++;
        }
    }

    function refund(uint256 pos) external {
        if (!EscapeHatch(address(rollup)).escapeMode() || deposits.length == 0) return;
        pos = bound(pos, 0, deposits.length - 1);
        (,, uint256 fq,,,) = rollup.heads();
        Deposit memory d = deposits[pos];
        bool before = EscapeHatch(address(rollup)).isDepositRefunded(pos);
        try EscapeHatch(address(rollup)).escapeRefundDeposit(pos, DepositEntry(d.sender, 0, 0, d.amount, 0, 0)) {
            if (before || pos < fq) violations++;
            paidOut += d.amount;
        } catch {
            if (!before && pos >= fq) violations++;
        }
    }

    // ------------------------------------------------------------------ trees

    function leafOf(uint256[4] memory bal, bool[4] memory ex, uint256 u) internal view returns (uint256) {
        if (!ex[u]) return 0;
        return t5.hash4(0, 0, bal[u], uint160(users[u]));
    }

    function low(uint256[4] memory bal, bool[4] memory ex) internal view returns (uint256[] memory ls) {
        ls = new uint256[](8);
        for (uint256 u; u < 4; ++u) ls[u + 1] = leafOf(bal, ex, u);
    }

    function accountRoot(uint256[4] memory bal, bool[4] memory ex) internal view returns (uint256 r) {
        r = denseRoot(low(bal, ex));
        uint256 z = zero(3);
        for (uint256 d = 3; d < 8; ++d) {
            r = t3.hash2(r, z);
            z = t3.hash2(z, z);
        }
    }

    function accountProof(uint256 index) internal view returns (uint256[] memory sib) {
        uint256[] memory l = denseProof(low(balances, exists), index);
        sib = new uint256[](8);
        for (uint256 d; d < 3; ++d) sib[d] = l[d];
        uint256 z = zero(3);
        for (uint256 d = 3; d < 8; ++d) {
            sib[d] = z;
            z = t3.hash2(z, z);
        }
    }

    function zero(uint256 level) internal view returns (uint256 z) {
        for (uint256 d; d < level; ++d) z = t3.hash2(z, z);
    }

    /// Root of the depth-3 dense tree over 8 leaves.
    function denseRoot(uint256[] memory leaves) internal view returns (uint256) {
        uint256[] memory level = leaves;
        while (level.length > 1) level = up(level);
        return level[0];
    }

    function denseProof(uint256[] memory leaves, uint256 index) internal view returns (uint256[] memory sib) {
        sib = new uint256[](3);
        uint256[] memory level = leaves;
        for (uint256 d; d < 3; ++d) {
            sib[d] = level[index ^ 1];
            level = up(level);
            index >>= 1;
        }
    }

    function up(uint256[] memory level) internal view returns (uint256[] memory next) {
        next = new uint256[](level.length / 2);
        for (uint256 i; i < next.length; ++i) next[i] = t3.hash2(level[2 * i], level[2 * i + 1]);
    }

    function setBlob() internal {
        bytes32[] memory hashes = new bytes32[](1);
        hashes[0] = bytes32(uint256(1) << 248 | block.timestamp);
        vm.blobhashes(hashes);
    }

    function exitCount() external view returns (uint256) {
        return exits.length;
    }
}

/// Invariants over random sequences of deposits, honest batches, attacks, claims and escape.
contract RollupInvariantTest is RollupFixture {
    RollupHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new RollupHandler(rollup, mock, t3, t4, t5, seq);
        targetContract(address(handler));
    }

    /// The handler does what it claims: a fixed story through every action.
    function test_handlerScenario() public {
        handler.deposit(0, 10 ether);
        handler.deposit(1, 5 ether);
        handler.settle(2, 0, 4 ether); // both deposits in, alice withdraws 4
        handler.deposit(2, 7 ether);
        handler.settle(0, 1, 5 ether); // nothing consumed, bob withdraws everything
        handler.commitJunk(1);
        handler.proveJunk(3, 42);
        handler.finalizeAny(3);
        handler.claim(0, 0);
        handler.claim(0, 0); // twice: refused
        handler.claim(1, 1); // forged amount: refused
        handler.claim(1, 0);
        assertEq(handler.paidOut(), 9 ether);
        handler.escape(0);
        assertTrue(EscapeHatch(address(rollup)).escapeMode());
        handler.escapeWithdraw(0); // alice's 6 ether
        handler.escapeWithdraw(0); // again: refused
        handler.escapeWithdraw(1); // bob's 0
        handler.refund(2); // the 7 ether no batch consumed
        handler.refund(0); // consumed: refused
        assertEq(handler.paidOut(), 22 ether);
        assertEq(rollup.custody(0), 0);
        assertEq(handler.violations(), 0);
        assertEq(handler.settled(), 2);
        assertEq(handler.attacksRefused(), 2);
    }

    /// Nothing is paid out that was not deposited; custody is exactly what is left.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 32
    function invariant_paidOutNeverExceedsDeposited() public view {
        assertLe(handler.paidOut(), handler.deposited(), "paid out <= deposited");
        assertEq(rollup.custody(0), handler.deposited() - handler.paidOut(), "custody");
        assertEq(address(rollup).balance, rollup.custody(0) + handler.feesPaid() + MIN_BOND, "ether held");
    }

    /// Every action that must fail did; an exit is never paid twice.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 32
    function invariant_noAttackSucceeds() public view {
        assertEq(handler.violations(), 0, "violations");
    }

    /// Finalized batches are exactly the honest, fully proven ones, in order; heads are ordered.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 32
    function invariant_finalizedAreProvenInOrder() public view {
        (uint256 len, uint256 cq, uint256 fq, uint256 cb, uint256 fb,) = rollup.heads();
        assertLe(fq, cq, "finalized queue <= committed queue");
        assertLe(cq, len, "committed queue <= queue length");
        assertLe(fb, cb, "finalized batches <= committed batches");
        for (uint256 b = 1; b <= fb; ++b) {
            (, uint256 root,) = rollup.batchInfo(b);
            assertEq(root, handler.honestRoot(b), "finalized root is the honest one");
            (bool proven,) = rollup.chunkState(b, 0);
            assertTrue(proven, "finalized chunk proven");
        }
        assertEq(rollup.lastFinalizedStateRoot(), handler.honestRoot(fb));
    }

    /// Escape mode, once on, stays on.
    /// forge-config: default.invariant.runs = 32
    /// forge-config: default.invariant.depth = 32
    function invariant_escapeModeIsForever() public view {
        if (handler.sawEscape()) assertTrue(EscapeHatch(address(rollup)).escapeMode(), "escape mode left");
    }
}
