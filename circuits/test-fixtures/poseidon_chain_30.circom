pragma circom 2.1.0;

// About 7,300 constraints: a domain of 2^13, the size of the dev-setup test.
include "poseidon_chain.circom";

component main {public [seed]} = PoseidonChain(30, 64);
