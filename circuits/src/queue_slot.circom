pragma circom 2.1.0;

include "lib.circom";
include "account.circom";
include "constants.circom";

// One L1 queue slot: applies the entry exactly as protocol/transition/applyQueueEntry.ts does.
// Invalid entries are consumed as no-ops; a deposit that cannot be credited is refunded
// through the exit leaf. Access A: the deposit target / keyed account / forced source;
// access B: the forced-transfer destination. Unused accesses are at index 0 and change nothing.
template QueueSlot(depth) {
    signal input rootIn;
    signal input nextIndexIn;
    signal input chainIn;
    signal input enabled;
    signal input kind;
    signal input sender;
    signal input index;
    signal input tokenId;
    signal input toIndex;
    signal input amount;
    signal input pubKeyX;
    signal input pubKeyY;
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
    signal output chainOut;
    signal output exitLeaf;

    enabled * (enabled - 1) === 0;

    // Entry fields: ranges make the packed hash input injective.
    component kindBits = RangeCheck(TAG_BITS());
    kindBits.in <== kind;
    component senderBits = RangeCheck(ADDRESS_BITS());
    senderBits.in <== sender;
    component tokenBits = RangeCheck(TOKEN_BITS());
    tokenBits.in <== tokenId;
    component amountBits = RangeCheck(AMOUNT_BITS());
    amountBits.in <== amount;
    component indexInTree = FitsIn(depth, INDEX_BITS());
    indexInTree.in <== index;
    component toInTree = FitsIn(depth, INDEX_BITS());
    toInTree.in <== toIndex;

    component entryHash = Poseidon(5);
    entryHash.inputs[0] <== kind + index * (2 ** TAG_BITS()) + tokenId * (2 ** (TAG_BITS() + INDEX_BITS())) + toIndex * (2 ** (TAG_BITS() + INDEX_BITS() + TOKEN_BITS()));
    entryHash.inputs[1] <== sender;
    entryHash.inputs[2] <== amount;
    entryHash.inputs[3] <== pubKeyX;
    entryHash.inputs[4] <== pubKeyY;
    component chainStep = Poseidon(2);
    chainStep.inputs[0] <== chainIn;
    chainStep.inputs[1] <== entryHash.out;
    chainOut <== chainIn + enabled * (chainStep.out - chainIn);

    // Kind flags, gated by enabled; an enabled slot must hold one of the four kinds.
    component isKind[4];
    signal on[4];
    var kindSum = 0;
    for (var k = 0; k < 4; k++) {
        isKind[k] = IsEqual();
        isKind[k].in[0] <== kind;
        isKind[k].in[1] <== k + 1;
        on[k] <== enabled * isKind[k].out;
        kindSum += on[k];
    }
    kindSum === enabled;
    signal isDeposit <== on[KIND_DEPOSIT() - 1];
    signal isSetKey <== on[KIND_SET_KEY() - 1];
    signal isForcedTransfer <== on[KIND_FORCED_TRANSFER() - 1];
    signal isForcedWithdraw <== on[KIND_FORCED_WITHDRAW() - 1];

    // Where the accesses must be.
    component isNew = IsZero();
    isNew.in <== index;
    component hasRoom = LessThan(depth + 1);
    hasRoom.in[0] <== nextIndexIn;
    hasRoom.in[1] <== 2 ** depth;
    signal depositNew <== isDeposit * isNew.out;
    signal creates <== depositNew * hasRoom.out;
    signal readsIndex <== (enabled - depositNew) * indexInTree.out;
    signal aIndexNew <== creates * nextIndexIn;
    signal aIndexRead <== readsIndex * index;
    aIndex === aIndexNew + aIndexRead;
    signal readsTo <== isForcedTransfer * toInTree.out;
    bIndex === readsTo * toIndex;

    // What the leaves say.
    signal aExists <== 1 - aEmpty;
    signal bExists <== 1 - bEmpty;
    component ownerOk = IsEqual();
    ownerOk.in[0] <== aLeaf[3];
    ownerOk.in[1] <== sender;
    component depositTokenOk = IsEqual();
    depositTokenOk.in[0] <== aLeaf[4];
    depositTokenOk.in[1] <== tokenId;
    component transferTokenOk = IsEqual();
    transferTokenOk.in[0] <== bLeaf[4];
    transferTokenOk.in[1] <== aLeaf[4];
    component aFitsPlus = FitsIn(AMOUNT_BITS(), AMOUNT_BITS() + 1);
    aFitsPlus.in <== aLeaf[2] + amount;
    component bFitsPlus = FitsIn(AMOUNT_BITS(), AMOUNT_BITS() + 1);
    bFitsPlus.in <== bLeaf[2] + amount;
    component short = LessThan(AMOUNT_BITS());
    short.in[0] <== aLeaf[2];
    short.in[1] <== amount;
    signal covers <== 1 - short.out;

    // Validity, kind by kind (every product is 0 or 1).
    signal topUp1 <== (isDeposit - depositNew) * readsIndex;
    signal topUp2 <== topUp1 * aExists;
    signal topUp3 <== topUp2 * depositTokenOk.out;
    signal topUp <== topUp3 * aFitsPlus.out;
    signal refund <== isDeposit - creates - topUp;

    signal owned1 <== readsIndex * aExists;
    signal owned <== owned1 * ownerOk.out;
    signal setKey <== isSetKey * owned;

    signal ownedCovered <== owned * covers;
    signal forcedWithdraw <== isForcedWithdraw * ownedCovered;
    signal ft1 <== isForcedTransfer * ownedCovered;
    signal ft2 <== ft1 * readsTo;
    signal ft3 <== ft2 * bExists;
    signal ft4 <== ft3 * transferTokenOk.out;
    signal forcedTransfer <== ft4 * bFitsPlus.out;

    // New contents. A created leaf starts empty, so its fields are 0 before.
    creates * aExists === 0;
    signal keyed <== creates + setKey;
    signal debit <== forcedTransfer + forcedWithdraw;
    signal aAfter[6];
    aAfter[0] <== aLeaf[0] + keyed * (pubKeyX - aLeaf[0]);
    aAfter[1] <== aLeaf[1] + keyed * (pubKeyY - aLeaf[1]);
    aAfter[2] <== aLeaf[2] + (creates + topUp - debit) * amount;
    aAfter[3] <== aLeaf[3] + creates * sender;
    aAfter[4] <== aLeaf[4] + creates * tokenId;
    aAfter[5] <== aLeaf[5];
    component accessA = AccountAccess(depth);
    accessA.rootIn <== rootIn;
    accessA.index <== aIndex;
    accessA.beforeEmpty <== aEmpty;
    accessA.afterEmpty <== aEmpty - creates;
    for (var i = 0; i < 6; i++) {
        accessA.before[i] <== aLeaf[i];
        accessA.after[i] <== aAfter[i];
    }
    for (var i = 0; i < depth; i++) accessA.siblings[i] <== aSiblings[i];

    signal bAfter[6];
    for (var i = 0; i < 6; i++) {
        if (i == 2) {
            bAfter[i] <== bLeaf[i] + forcedTransfer * amount;
        } else {
            bAfter[i] <== bLeaf[i];
        }
    }
    component accessB = AccountAccess(depth);
    accessB.rootIn <== accessA.rootOut;
    accessB.index <== bIndex;
    accessB.beforeEmpty <== bEmpty;
    accessB.afterEmpty <== bEmpty;
    for (var i = 0; i < 6; i++) {
        accessB.before[i] <== bLeaf[i];
        accessB.after[i] <== bAfter[i];
    }
    for (var i = 0; i < depth; i++) accessB.siblings[i] <== bSiblings[i];

    rootOut <== accessB.rootOut;
    nextIndexOut <== nextIndexIn + creates;

    // Exit: refunds go back to the sender in the deposit's token; forced withdrawals in the
    // account's token.
    component exitHash = Poseidon(3);
    exitHash.inputs[0] <== sender;
    signal refundToken <== refund * tokenId;
    signal withdrawToken <== forcedWithdraw * aLeaf[4];
    exitHash.inputs[1] <== refundToken + withdrawToken;
    exitHash.inputs[2] <== amount;
    exitLeaf <== (refund + forcedWithdraw) * exitHash.out;
}
