pragma circom 2.1.0;

include "circomlib/circuits/eddsaposeidon.circom";
include "lib.circom";
include "account.circom";
include "constants.circom";

// One L2 record slot: a transaction (transfer, transfer to an existing or new L1 account,
// withdrawal), an extension record or padding, applied exactly as
// protocol/transition/applyDaTx.ts does, with the signature checked against the sender's key.
// Outputs the record's bits for the DA stream (most significant first), the transaction hash
// and the fee it pays into each fee slot.
template TxSlot(depth, nFee, payloadBits) {
    signal input rootIn;
    signal input nextIndexIn;
    signal input domain;
    signal input type;
    signal input from;
    signal input to;
    signal input amountExp;
    signal input amountMan;
    signal input feeExp;
    signal input feeMan;
    signal input amount;
    signal input fee;
    signal input address;
    signal input extPayload;
    signal input sigR8x;
    signal input sigR8y;
    signal input sigS;
    signal input feeSlot;
    signal input feeTokens[nFee];
    signal input feeUnused[nFee];
    signal input aIndex;
    signal input aEmpty;
    signal input aLeaf[6];
    signal input aSiblings[depth];
    signal input bIndex;
    signal input bEmpty;
    signal input bLeaf[6];
    signal input bSiblings[depth];
    signal output rootOut;
    signal output nextIndexOut;
    signal output isTx;
    signal output isCarrier;
    signal output isExtension;
    signal output isNoop;
    signal output txHash;
    signal output exitLeaf;
    signal output feeAdd[nFee];
    signal output recordBits[3 + payloadBits];

    // Record type, one-hot over the six types.
    component isType[6];
    var typeSum = 0;
    for (var k = 0; k < 6; k++) {
        isType[k] = IsEqual();
        isType[k].in[0] <== type;
        isType[k].in[1] <== k;
        typeSum += isType[k].out;
    }
    typeSum === 1;
    signal tTransfer <== isType[RECORD_TRANSFER()].out;
    signal tExisting <== isType[RECORD_TRANSFER_TO_L1_EXISTING()].out;
    signal tNew <== isType[RECORD_TRANSFER_TO_L1_NEW()].out;
    signal tWithdraw <== isType[RECORD_WITHDRAW()].out;
    isExtension <== isType[RECORD_EXTENSION()].out;
    isNoop <== isType[RECORD_NOOP()].out;
    isTx <== tTransfer + tExisting + tNew + tWithdraw;
    isCarrier <== tNew + tWithdraw;

    // Fields of a non-transaction record are zero; the payload of a non-extension is zero.
    signal notTx <== 1 - isTx;
    notTx * from === 0;
    notTx * to === 0;
    notTx * amountExp === 0;
    notTx * amountMan === 0;
    notTx * feeExp === 0;
    notTx * feeMan === 0;
    (1 - isExtension) * extPayload === 0;
    (1 - isCarrier) * address === 0;
    tWithdraw * to === 0;

    // Record bits: type, then from | to | amount float | fee float, or the extension payload.
    component typeBits = Num2Bits(RECORD_TYPE_BITS());
    typeBits.in <== type;
    component fromBits = Num2Bits(depth);
    fromBits.in <== from;
    component toBits = Num2Bits(depth);
    toBits.in <== to;
    component amountFloat = DecimalFloat(AMOUNT_EXP_BITS(), AMOUNT_MAN_BITS());
    amountFloat.exp <== amountExp;
    amountFloat.man <== amountMan;
    amountFloat.value === amount;
    component feeFloat = DecimalFloat(FEE_EXP_BITS(), FEE_MAN_BITS());
    feeFloat.exp <== feeExp;
    feeFloat.man <== feeMan;
    feeFloat.value === fee;
    component amountRange = RangeCheck(AMOUNT_BITS());
    amountRange.in <== amount;
    component feeRange = RangeCheck(AMOUNT_BITS());
    feeRange.in <== fee;
    component extBits = Num2Bits(payloadBits);
    extBits.in <== extPayload;
    // payload bits, most significant first
    var txBits[payloadBits];
    var pos = 0;
    for (var i = depth - 1; i >= 0; i--) { txBits[pos] = fromBits.out[i]; pos++; }
    for (var i = depth - 1; i >= 0; i--) { txBits[pos] = toBits.out[i]; pos++; }
    for (var i = AMOUNT_EXP_BITS() - 1; i >= 0; i--) { txBits[pos] = amountFloat.expBitsOut[i]; pos++; }
    for (var i = AMOUNT_MAN_BITS() - 1; i >= 0; i--) { txBits[pos] = amountFloat.manBitsOut[i]; pos++; }
    for (var i = FEE_EXP_BITS() - 1; i >= 0; i--) { txBits[pos] = feeFloat.expBitsOut[i]; pos++; }
    for (var i = FEE_MAN_BITS() - 1; i >= 0; i--) { txBits[pos] = feeFloat.manBitsOut[i]; pos++; }
    for (var i = 0; i < RECORD_TYPE_BITS(); i++) recordBits[i] <== typeBits.out[RECORD_TYPE_BITS() - 1 - i];
    for (var i = 0; i < payloadBits; i++) recordBits[RECORD_TYPE_BITS() + i] <== txBits[i] + extBits.out[payloadBits - 1 - i];

    // The sender: exists, pays amount + fee, nonce rises by one.
    aIndex === from;
    isTx * aEmpty === 0;
    signal aBalanceAfter <== aLeaf[2] - amount - fee;
    component aBalanceRange = RangeCheck(AMOUNT_BITS());
    aBalanceRange.in <== aBalanceAfter;
    signal aNonceAfter <== aLeaf[5] + isTx;
    component aNonceRange = RangeCheck(NONCE_BITS());
    aNonceRange.in <== aNonceAfter;

    // The signed message.
    signal signedType <== tTransfer * TX_TRANSFER() + (tExisting + tNew) * TX_TRANSFER_TO_L1() + tWithdraw * TX_WITHDRAW();
    signal destTransfer <== tTransfer * to;
    signal destExisting <== tExisting * bLeaf[3];
    component hash = Poseidon(5);
    hash.inputs[0] <== domain;
    hash.inputs[1] <== signedType + from * (2 ** TAG_BITS()) + aLeaf[5] * (2 ** (TAG_BITS() + INDEX_BITS()));
    hash.inputs[2] <== destTransfer + destExisting + address;
    hash.inputs[3] <== amount;
    hash.inputs[4] <== fee;
    txHash <== hash.out;

    // Signature over the hash by the sender's key; padding and extensions feed the verifier a
    // valid dummy point (Base8) so that its constraints hold while disabled.
    var B8x = 5299619240641551281634865583518297030282874472190772894086521144482721001553;
    var B8y = 16950150798460657717958625567821834550301663161624707787222815936182638968203;
    component sig = EdDSAPoseidonVerifier();
    sig.enabled <== isTx;
    sig.Ax <== B8x + isTx * (aLeaf[0] - B8x);
    sig.Ay <== B8y + isTx * (aLeaf[1] - B8y);
    sig.S <== isTx * sigS;
    sig.R8x <== B8x + isTx * (sigR8x - B8x);
    sig.R8y <== B8y + isTx * (sigR8y - B8y);
    sig.M <== txHash;

    component accessA = AccountAccess(depth);
    accessA.rootIn <== rootIn;
    accessA.index <== aIndex;
    accessA.beforeEmpty <== aEmpty;
    accessA.afterEmpty <== aEmpty;
    for (var i = 0; i < 6; i++) accessA.before[i] <== aLeaf[i];
    accessA.after[0] <== aLeaf[0];
    accessA.after[1] <== aLeaf[1];
    accessA.after[2] <== aBalanceAfter;
    accessA.after[3] <== aLeaf[3];
    accessA.after[4] <== aLeaf[4];
    accessA.after[5] <== aNonceAfter;
    for (var i = 0; i < depth; i++) accessA.siblings[i] <== aSiblings[i];

    // The receiver: an existing account of the same token, or a new one at nextIndex.
    bIndex === to;
    signal credits <== tTransfer + tExisting;
    credits * bEmpty === 0;
    credits * (bLeaf[4] - aLeaf[4]) === 0;
    tNew * (to - nextIndexIn) === 0;
    tNew * (1 - bEmpty) === 0;
    signal bBalanceAfter <== bLeaf[2] + (credits + tNew) * amount;
    component bBalanceRange = RangeCheck(AMOUNT_BITS());
    bBalanceRange.in <== bBalanceAfter;
    component accessB = AccountAccess(depth);
    accessB.rootIn <== accessA.rootOut;
    accessB.index <== bIndex;
    accessB.beforeEmpty <== bEmpty;
    accessB.afterEmpty <== bEmpty - tNew;
    for (var i = 0; i < 6; i++) accessB.before[i] <== bLeaf[i];
    accessB.after[0] <== bLeaf[0];
    accessB.after[1] <== bLeaf[1];
    accessB.after[2] <== bBalanceAfter;
    accessB.after[3] <== bLeaf[3] + tNew * address;
    accessB.after[4] <== bLeaf[4] + tNew * aLeaf[4];
    accessB.after[5] <== bLeaf[5];
    for (var i = 0; i < depth; i++) accessB.siblings[i] <== bSiblings[i];
    rootOut <== accessB.rootOut;
    nextIndexOut <== nextIndexIn + tNew;

    // Withdrawal exit.
    component exitHash = Poseidon(3);
    exitHash.inputs[0] <== address;
    exitHash.inputs[1] <== aLeaf[4];
    exitHash.inputs[2] <== amount;
    exitLeaf <== tWithdraw * exitHash.out;

    // Fee into the selected slot, whose token must be the sender's and which must be in use
    // when the fee is not zero.
    component sel[nFee];
    var selSum = 0;
    signal selToken[nFee];
    signal selUnused[nFee];
    var tokenOfSlot = 0;
    var unusedOfSlot = 0;
    for (var k = 0; k < nFee; k++) {
        sel[k] = IsEqual();
        sel[k].in[0] <== feeSlot;
        sel[k].in[1] <== k;
        selSum += sel[k].out;
        feeAdd[k] <== sel[k].out * fee;
        selToken[k] <== sel[k].out * feeTokens[k];
        selUnused[k] <== sel[k].out * feeUnused[k];
        tokenOfSlot += selToken[k];
        unusedOfSlot += selUnused[k];
    }
    selSum === 1;
    fee * (aLeaf[4] - tokenOfSlot) === 0;
    fee * unusedOfSlot === 0;
}
