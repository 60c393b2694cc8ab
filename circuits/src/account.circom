pragma circom 2.1.0;

include "lib.circom";
include "constants.circom";

// Leaf of an account: Poseidon(pkX, pkY, balance, owner | tokenId << 160 | nonce << 192),
// or 0 for an empty leaf (whose fields must all be zero). Fields: [pkX, pkY, balance, owner,
// tokenId, nonce]. `checked` range-checks balance, owner, tokenId and nonce, which makes the
// packing injective; the after-leaf of an access is built from checked values instead.
template AccountLeaf(checked) {
    signal input fields[6];
    signal input empty;
    signal output out;
    empty * (empty - 1) === 0;
    for (var i = 0; i < 6; i++) fields[i] * empty === 0;
    if (checked == 1) {
        component rb = RangeCheck(AMOUNT_BITS());
        rb.in <== fields[2];
        component ro = RangeCheck(ADDRESS_BITS());
        ro.in <== fields[3];
        component rt = RangeCheck(TOKEN_BITS());
        rt.in <== fields[4];
        component rn = RangeCheck(NONCE_BITS());
        rn.in <== fields[5];
    }
    component h = Poseidon(4);
    h.inputs[0] <== fields[0];
    h.inputs[1] <== fields[1];
    h.inputs[2] <== fields[2];
    h.inputs[3] <== fields[3] + fields[4] * (2 ** ADDRESS_BITS()) + fields[5] * (2 ** (ADDRESS_BITS() + TOKEN_BITS()));
    out <== h.out * (1 - empty);
}

// One read-modify-write of an account: proves `before` is the leaf at `index` under rootIn,
// and outputs the root with `after` written there, using the same siblings.
template AccountAccess(depth) {
    signal input rootIn;
    signal input index;
    signal input before[6];
    signal input beforeEmpty;
    signal input after[6];
    signal input afterEmpty;
    signal input siblings[depth];
    signal output rootOut;

    component bits = Num2Bits(depth);
    bits.in <== index;

    component leafBefore = AccountLeaf(1);
    leafBefore.empty <== beforeEmpty;
    for (var i = 0; i < 6; i++) leafBefore.fields[i] <== before[i];
    component rootBefore = MerkleRoot(depth);
    rootBefore.leaf <== leafBefore.out;
    for (var i = 0; i < depth; i++) {
        rootBefore.pathBits[i] <== bits.out[i];
        rootBefore.siblings[i] <== siblings[i];
    }
    rootBefore.root === rootIn;

    component leafAfter = AccountLeaf(0);
    leafAfter.empty <== afterEmpty;
    for (var i = 0; i < 6; i++) leafAfter.fields[i] <== after[i];
    component rootAfter = MerkleRoot(depth);
    rootAfter.leaf <== leafAfter.out;
    for (var i = 0; i < depth; i++) {
        rootAfter.pathBits[i] <== bits.out[i];
        rootAfter.siblings[i] <== siblings[i];
    }
    rootOut <== rootAfter.root;
}
