pragma circom 2.1.0;

include "lib.circom";
include "constants.circom";

// Leaf of an account: Poseidon(pkX, pkY, balance, owner | tokenId << 160 | nonce << 192),
// or 0 for an empty leaf (whose fields must all be zero). Fields: [pkX, pkY, balance, owner,
// tokenId, nonce].
// `checked` (for leaves read from the tree) range-checks owner and tokenId, the two low parts
// of the packed input: then the packed value determines nonce, and no other split of the same
// leaf can be presented (for example owner + 2^160 with tokenId - 1, which would let a token
// pose as another). Balance and nonce need no check here: every leaf in the tree was written
// by this circuit with a range-checked balance and nonce (the genesis tree is empty), and the
// balance is its own hash input. The after-leaf of an access is built from checked values.
template AccountLeaf(checked) {
    signal input fields[6];
    signal input empty;
    signal output out;
    empty * (empty - 1) === 0;
    for (var i = 0; i < 6; i++) fields[i] * empty === 0;
    if (checked == 1) {
        component ro = RangeCheck(ADDRESS_BITS());
        ro.in <== fields[3];
        component rt = RangeCheck(TOKEN_BITS());
        rt.in <== fields[4];
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
