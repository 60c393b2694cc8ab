pragma circom 2.1.0;

// Tiny fixture for the build/setup tests: two public inputs, one public output, a few
// constraints with non-trivial linear combinations (so every zkey section has content).
// Small enough (< 2^8 rows) to be cross-checked against snarkjs's own slow ceremony path.
template Tiny(n) {
    signal input a;       // public
    signal input b;       // private
    signal input c;       // public
    signal output out;

    signal acc[n];
    acc[0] <== a * b;
    for (var i = 1; i < n; i++) {
        acc[i] <== acc[i - 1] * (b + i) + 2 * c;
    }
    out <== acc[n - 1] * c + 3 * a;
}

component main {public [a, c]} = Tiny(8);
