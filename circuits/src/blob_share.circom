pragma circom 2.1.0;

include "lib.circom";
include "constants.circom";

// Non-native arithmetic in the BLS12-381 scalar field r (docs/circuits.md, "Blob share"):
// numbers are three limbs of 86 bits, least significant first (BLS_LIMB_BITS()).

// sum_k coef[k] * 2^(86 k) == 0 over the integers, given the signed carries of that sum
// (each in (-2^carryBits, 2^carryBits)). Every coefficient and carry must stay far below the
// BN254 modulus, so that the field equalities below are integer equalities.
template LimbsZero(n, carryBits) {
    signal input coef[n];
    signal input carry[n - 1];
    var base = 2 ** BLS_LIMB_BITS();
    component range[n - 1];
    for (var k = 0; k < n - 1; k++) {
        range[k] = RangeCheck(carryBits + 1);
        range[k].in <== carry[k] + 2 ** carryBits;
    }
    coef[0] === carry[0] * base;
    for (var k = 1; k < n - 1; k++) coef[k] + carry[k - 1] === carry[k] * base;
    coef[n - 1] + carry[n - 2] === 0;
}

// `in` is below 2^bits, as limbs of 86 bits (the last one narrower): range checks every limb.
template LimbsRange(n, bits) {
    signal input in[n];
    component range[n];
    for (var l = 0; l < n; l++) {
        var width = bits - l * BLS_LIMB_BITS();
        if (width > BLS_LIMB_BITS()) width = BLS_LIMB_BITS();
        range[l] = RangeCheck(width);
        range[l].in <== in[l];
    }
}

// The chunk's share of the blob polynomial's value at the challenge z (EIP-4844 barycentric
// form, bit-reversed points): share = sum_j d_j * w_j / (z - w_j) mod r over the chunk's E
// elements d_j at blob positions 1 + index * E + j, w_p = BLOB_NEG_POINTS()[p] subtracted from
// r. `challenge` = z | index << 240 (public), share = shareHi * 2^128 + shareLo (public,
// canonical: below r). The terms c_j = w_j / (z - w_j) are hints, each checked as
// c_j * (z + r - w_j) + (r - w_j) == q_j * r; the share as sum_j d_j * c_j == Q * r + share.
// The data bits are the chunk's DA bit stream (most significant first per 248-bit element).
template BlobShare(E, maxChunks, quotientBits, finalCarryBits) {
    var L = BLS_LIMB_BITS();
    var nQ = (quotientBits + L - 1) \ L;
    var nFinal = nQ + 2;
    if (nFinal < 5) nFinal = 5;

    signal input blobChallenge;
    signal input blobShareHi;
    signal input blobShareLo;
    signal input dataBits[E * 248];
    signal input blobTerm[E][3];
    signal input blobTermQuot[E][3];
    signal input blobTermCarry[E][4];
    signal input blobShareQuot[nQ];
    signal input blobShareCarry[nFinal - 1];

    var R[3] = BLS_MODULUS_LIMBS();
    var NEG[4096][3] = BLOB_NEG_POINTS();

    // z (240 bits) and the chunk index (12 bits).
    component ch = Num2Bits(252);
    ch.in <== blobChallenge;
    var z[3];
    for (var l = 0; l < 3; l++) {
        z[l] = 0;
        for (var i = l * L; i < (l + 1) * L && i < 240; i++) z[l] += ch.out[i] * 2 ** (i - l * L);
    }
    var index = 0;
    for (var i = 0; i < 12; i++) index += ch.out[240 + i] * 2 ** i;

    // One-hot selector of the index (an index at or beyond maxChunks has none).
    signal sel[maxChunks];
    var selSum = 0;
    var selIndex = 0;
    for (var k = 0; k < maxChunks; k++) {
        sel[k] <-- (blobChallenge >> 240) == k ? 1 : 0;
        sel[k] * (sel[k] - 1) === 0;
        selSum += sel[k];
        selIndex += k * sel[k];
    }
    selSum === 1;
    selIndex === index;

    // Per element: check the blobTerm hint, multiply it by the data.
    component termRange[E];
    component quotRange[E];
    component termZero[E];
    signal prod[E][3][3];
    signal dprod[E][3][3];
    var sumPoly[5] = [0, 0, 0, 0, 0];
    for (var j = 0; j < E; j++) {
        var v[3];
        var u[3];
        for (var l = 0; l < 3; l++) {
            v[l] = 0;
            for (var k = 0; k < maxChunks; k++) v[l] += sel[k] * NEG[1 + k * E + j][l];
            u[l] = z[l] + v[l];
        }
        termRange[j] = LimbsRange(3, 255);
        quotRange[j] = LimbsRange(3, 256);
        for (var l = 0; l < 3; l++) {
            termRange[j].in[l] <== blobTerm[j][l];
            quotRange[j].in[l] <== blobTermQuot[j][l];
        }
        var coef[5] = [0, 0, 0, 0, 0];
        for (var a = 0; a < 3; a++) {
            for (var b = 0; b < 3; b++) {
                prod[j][a][b] <== blobTerm[j][a] * u[b];
                coef[a + b] += prod[j][a][b] - blobTermQuot[j][a] * R[b];
            }
            coef[a] += v[a];
        }
        termZero[j] = LimbsZero(5, 90);
        for (var k = 0; k < 5; k++) termZero[j].coef[k] <== coef[k];
        for (var k = 0; k < 4; k++) termZero[j].carry[k] <== blobTermCarry[j][k];

        var d[3];
        for (var l = 0; l < 3; l++) {
            d[l] = 0;
            for (var i = l * L; i < (l + 1) * L && i < 248; i++) d[l] += dataBits[j * 248 + 247 - i] * 2 ** (i - l * L);
        }
        for (var a = 0; a < 3; a++) {
            for (var b = 0; b < 3; b++) {
                dprod[j][a][b] <== d[a] * blobTerm[j][b];
                sumPoly[a + b] += dprod[j][a][b];
            }
        }
    }

    // The share: 255 bits from the public halves, below r, in limbs.
    component hiBits = Num2Bits(127);
    hiBits.in <== blobShareHi;
    component loBits = Num2Bits(128);
    loBits.in <== blobShareLo;
    var s[3];
    for (var l = 0; l < 3; l++) {
        s[l] = 0;
        for (var i = l * L; i < (l + 1) * L && i < 255; i++) {
            if (i < 128) {
                s[l] += loBits.out[i] * 2 ** (i - l * L);
            } else {
                s[l] += hiBits.out[i - 128] * 2 ** (i - l * L);
            }
        }
    }
    var rHi = BLS_MODULUS_HI();
    var rLo = BLS_MODULUS_LO();
    signal borrow;
    borrow <-- blobShareLo > rLo - 1 ? 1 : 0;
    borrow * (borrow - 1) === 0;
    component belowLo = RangeCheck(128);
    belowLo.in <== rLo - 1 - blobShareLo + borrow * 2 ** 128;
    component belowHi = RangeCheck(127);
    belowHi.in <== rHi - blobShareHi - borrow;

    // sum_j d_j * c_j - Q * r - share == 0.
    component qRange = LimbsRange(nQ, quotientBits);
    for (var l = 0; l < nQ; l++) qRange.in[l] <== blobShareQuot[l];
    var fin[nFinal];
    for (var k = 0; k < nFinal; k++) fin[k] = 0;
    for (var k = 0; k < 5; k++) fin[k] += sumPoly[k];
    for (var a = 0; a < nQ; a++) {
        for (var b = 0; b < 3; b++) fin[a + b] -= blobShareQuot[a] * R[b];
    }
    for (var l = 0; l < 3; l++) fin[l] -= s[l];
    component finalZero = LimbsZero(nFinal, finalCarryBits);
    for (var k = 0; k < nFinal; k++) finalZero.coef[k] <== fin[k];
    for (var k = 0; k < nFinal - 1; k++) finalZero.carry[k] <== blobShareCarry[k];
}
