pragma circom 2.1.0;

// Deliberately broken fixture: `ignored` appears in no constraint, which `circom --inspect`
// reports as a warning. The compile test checks that the warning is surfaced (and is fatal
// when asked).
template Unused() {
    signal input x;
    signal input ignored;
    signal output y;
    y <== x * x;
}

component main = Unused();
