pragma circom 2.1.0;

// Bench-only circuits (not part of the protocol): one account leaf updated in a sparse
// Poseidon tree, old root checked and new root computed with the same siblings, as a transfer
// slot does twice (sender and receiver). `LeafUpdate2(32)` is the binary tree of
// protocol.md; `LeafUpdate8(levels)` an 8-ary tree of Poseidon(8) nodes (3 index bits per
// level), to measure what a change of the tree's arity would save. Included by the generated
// mains of bench/prover.bench.ts.

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/poseidon.circom";
include "lib.circom";

template LeafUpdate2(depth) {
    signal input index;
    signal input oldLeaf;
    signal input newLeaf;
    signal input siblings[depth];
    signal input oldRoot;
    signal output newRoot;
    component bits = Num2Bits(depth);
    bits.in <== index;
    component before = MerkleRoot(depth);
    component after = MerkleRoot(depth);
    before.leaf <== oldLeaf;
    after.leaf <== newLeaf;
    for (var i = 0; i < depth; i++) {
        before.pathBits[i] <== bits.out[i];
        before.siblings[i] <== siblings[i];
        after.pathBits[i] <== bits.out[i];
        after.siblings[i] <== siblings[i];
    }
    before.root === oldRoot;
    newRoot <== after.root;
}

// One-hot of a 3-bit position: out[j] = 1 exactly when b0 + 2 b1 + 4 b2 = j.
template OneHot8() {
    signal input b[3];
    signal output out[8];
    signal b01 <== b[0] * b[1];
    var lo[4] = [1 - b[0] - b[1] + b01, b[0] - b01, b[1] - b01, b01];
    for (var j = 0; j < 4; j++) {
        out[j + 4] <== lo[j] * b[2];
        out[j] <== lo[j] - out[j + 4];
    }
}

// The prover supplies each level's 8 children (the node itself at its position): the old
// node must be the child the index selects; the new level is the same children with that one
// replaced.
template LeafUpdate8(levels) {
    signal input index;
    signal input oldLeaf;
    signal input newLeaf;
    signal input children[levels][8];
    signal input oldRoot;
    signal output newRoot;
    component bits = Num2Bits(3 * levels);
    bits.in <== index;
    component sel[levels];
    component hOld[levels];
    component hNew[levels];
    signal picked[levels][8];
    signal moved[levels][8];
    signal oldNode[levels + 1];
    signal newNode[levels + 1];
    oldNode[0] <== oldLeaf;
    newNode[0] <== newLeaf;
    for (var l = 0; l < levels; l++) {
        sel[l] = OneHot8();
        for (var k = 0; k < 3; k++) sel[l].b[k] <== bits.out[3 * l + k];
        hOld[l] = Poseidon(8);
        hNew[l] = Poseidon(8);
        var sum = 0;
        for (var j = 0; j < 8; j++) {
            picked[l][j] <== sel[l].out[j] * children[l][j];
            sum += picked[l][j];
            moved[l][j] <== sel[l].out[j] * (newNode[l] - oldNode[l]);
            hOld[l].inputs[j] <== children[l][j];
            hNew[l].inputs[j] <== children[l][j] + moved[l][j];
        }
        sum === oldNode[l];
        oldNode[l + 1] <== hOld[l].out;
        newNode[l + 1] <== hNew[l].out;
    }
    oldNode[levels] === oldRoot;
    newRoot <== newNode[levels];
}
