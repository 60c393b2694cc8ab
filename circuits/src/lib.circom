pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/poseidon.circom";

// out = sel ? b : a, for a boolean sel.
template Select() {
    signal input sel;
    signal input a;
    signal input b;
    signal output out;
    out <== a + sel * (b - a);
}

// in < 2^n (a range check whose bits are not needed).
template RangeCheck(n) {
    signal input in;
    component b = Num2Bits(n);
    b.in <== in;
    _ <== b.out;
}

// in < 2^n, and the bits of in (least significant first).
template RangeBits(n) {
    signal input in;
    signal output bits[n];
    component b = Num2Bits(n);
    b.in <== in;
    for (var i = 0; i < n; i++) bits[i] <== b.out[i];
}

// 1 when in < 2^n, for an input known to be below 2^m (m > n): the top m - n bits are zero.
template FitsIn(n, m) {
    signal input in;
    signal output out;
    component b = Num2Bits(m);
    b.in <== in;
    var high = 0;
    for (var i = 0; i < n; i++) _ <== b.out[i];
    for (var i = n; i < m; i++) high += b.out[i];
    component z = IsZero();
    z.in <== high;
    out <== z.out;
}

// 10^exp, for exp below 2^expBits (range-checked here), as a product of selected powers.
template Pow10(expBits) {
    signal input exp;
    signal output out;
    component bits = Num2Bits(expBits);
    bits.in <== exp;
    signal acc[expBits + 1];
    acc[0] <== 1;
    for (var i = 0; i < expBits; i++) {
        var step = 10 ** (2 ** i);
        acc[i + 1] <== acc[i] * (1 + bits.out[i] * (step - 1));
    }
    out <== acc[expBits];
}

// mantissa * 10^exponent, with exponent and mantissa range-checked to their widths.
template DecimalFloat(expBits, manBits) {
    signal input exp;
    signal input man;
    signal output value;
    signal output expBitsOut[expBits];
    signal output manBitsOut[manBits];
    component e = Num2Bits(expBits);
    e.in <== exp;
    component m = Num2Bits(manBits);
    m.in <== man;
    for (var i = 0; i < expBits; i++) expBitsOut[i] <== e.out[i];
    for (var i = 0; i < manBits; i++) manBitsOut[i] <== m.out[i];
    component p = Pow10(expBits);
    p.exp <== exp;
    value <== man * p.out;
}

// Root of a binary Merkle tree of Poseidon(2) from a leaf, its path bits (bit i = node at
// level i is a right child) and its siblings, bottom-up.
template MerkleRoot(depth) {
    signal input leaf;
    signal input pathBits[depth];
    signal input siblings[depth];
    signal output root;
    component h[depth];
    signal node[depth + 1];
    signal left[depth];
    node[0] <== leaf;
    for (var i = 0; i < depth; i++) {
        left[i] <== node[i] + pathBits[i] * (siblings[i] - node[i]);
        h[i] = Poseidon(2);
        h[i].inputs[0] <== left[i];
        h[i].inputs[1] <== node[i] + siblings[i] - left[i];
        node[i + 1] <== h[i].out;
    }
    root <== node[depth];
}

// Root of the full tree over 2^depth leaves (leaves beyond n are zero).
template DenseRoot(n, depth) {
    signal input leaves[n];
    signal output root;
    var width = 2 ** depth;
    component h[width];
    signal nodes[2 * width];
    for (var i = 0; i < width; i++) {
        if (i < n) {
            nodes[width + i] <== leaves[i];
        } else {
            nodes[width + i] <== 0;
        }
    }
    for (var i = width - 1; i >= 1; i--) {
        h[i] = Poseidon(2);
        h[i].inputs[0] <== nodes[2 * i];
        h[i].inputs[1] <== nodes[2 * i + 1];
        nodes[i] <== h[i].out;
    }
    nodes[0] <== 0;
    root <== nodes[1];
}
