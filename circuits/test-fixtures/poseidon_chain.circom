pragma circom 2.1.0;

// Synthetic load for setup/prover benchmarks: n chained circomlib Poseidon(2) hashes
// (about 240 constraints each with --O2), plus m extra multiplication constraints.
// Compile with `-l node_modules` from the repository root.
include "circomlib/circuits/poseidon.circom";

template PoseidonChain(n, m) {
    signal input seed;    // public
    signal input salt;    // private
    signal output out;

    signal h[n + 1];
    component hs[n];
    h[0] <== seed;
    for (var i = 0; i < n; i++) {
        hs[i] = Poseidon(2);
        hs[i].inputs[0] <== h[i];
        hs[i].inputs[1] <== salt + i;
        h[i + 1] <== hs[i].out;
    }

    signal sq[m + 1];
    sq[0] <== h[n];
    for (var j = 0; j < m; j++) {
        sq[j + 1] <== sq[j] * sq[j] + salt;
    }
    out <== sq[m];
}
