pragma circom 2.1.0;

include "lib.circom";
include "account.circom";
include "queue_slot.circom";
include "tx_slot.circom";
include "constants.circom";
include "blob_share.circom";

// The validity proof of one chunk (see docs/protocol.md, "Chunks"): nQueue L1 queue slots,
// then nTx L2 record slots, then nFee fee credits, chained through the account root and the
// next free index; the queue hash chain over the consumed entries; the exit tree; the
// transaction list; and the Poseidon chain over the chunk's DA field elements.
// Layout numbers (payloadBits, extRecords, queueCountBits, chunkElements, exitDepth,
// txListDepth) and the blob share sizes (maxChunks, shareQuotientBits, shareCarryBits) come
// from protocol/ through the generated main file. The same DA bits give the data commitment
// and the chunk's share of the blob's value at the challenge (BlobShare).
template ChunkTransition(depth, nTx, nQueue, nFee, payloadBits, extRecords, queueCountBits, chunkElements, exitDepth, txListDepth, maxChunks, shareQuotientBits, shareCarryBits) {
    signal input oldStateRoot;
    signal input newStateRoot;
    signal input oldQueueHash;
    signal input newQueueHash;
    signal input exitRoot;
    signal input txListCommitment;
    signal input dataCommitment;
    signal input domain;
    signal input blobChallenge;
    signal input blobShareHi;
    signal input blobShareLo;

    signal input oldAccountRoot;
    signal input oldNextIndex;
    signal input firstSeq;

    signal input qEnabled[nQueue];
    signal input qKind[nQueue];
    signal input qSender[nQueue];
    signal input qIndex[nQueue];
    signal input qTokenId[nQueue];
    signal input qToIndex[nQueue];
    signal input qAmount[nQueue];
    signal input qPubKeyX[nQueue];
    signal input qPubKeyY[nQueue];
    signal input qAIndex[nQueue];
    signal input qAEmpty[nQueue];
    signal input qALeaf[nQueue][6];
    signal input qASiblings[nQueue][depth];
    signal input qBIndex[nQueue];
    signal input qBEmpty[nQueue];
    signal input qBLeaf[nQueue][6];
    signal input qBSiblings[nQueue][depth];

    signal input txType[nTx];
    signal input txFrom[nTx];
    signal input txTo[nTx];
    signal input txAmount[nTx];
    signal input txFee[nTx];
    signal input txAmountExp[nTx];
    signal input txAmountMan[nTx];
    signal input txFeeExp[nTx];
    signal input txFeeMan[nTx];
    signal input txAddress[nTx];
    signal input txExtPayload[nTx];
    signal input txSigR8x[nTx];
    signal input txSigR8y[nTx];
    signal input txSigS[nTx];
    signal input txSeq[nTx];
    signal input txFeeSlot[nTx];
    signal input txAIndex[nTx];
    signal input txAEmpty[nTx];
    signal input txALeaf[nTx][6];
    signal input txASiblings[nTx][depth];
    signal input txBIndex[nTx];
    signal input txBEmpty[nTx];
    signal input txBLeaf[nTx][6];
    signal input txBSiblings[nTx][depth];

    signal input feeTotal[nFee];
    signal input feeIndex[nFee];
    signal input feeEmpty[nFee];
    signal input feeLeaf[nFee][6];
    signal input feeSiblings[nFee][depth];

    var shareQuotLimbs = (shareQuotientBits + BLS_LIMB_BITS() - 1) \ BLS_LIMB_BITS();
    var shareCoefs = shareQuotLimbs + 2;
    if (shareCoefs < 5) shareCoefs = 5;
    signal input blobTerm[chunkElements][3];
    signal input blobTermQuot[chunkElements][3];
    signal input blobTermCarry[chunkElements][4];
    signal input blobShareQuot[shareQuotLimbs];
    signal input blobShareCarry[shareCoefs - 1];

    var recordBits = RECORD_TYPE_BITS() + payloadBits;

    // Old state root.
    component oldRoot = Poseidon(2);
    oldRoot.inputs[0] <== oldAccountRoot;
    oldRoot.inputs[1] <== oldNextIndex;
    oldRoot.out === oldStateRoot;

    signal root[nQueue + nTx + nFee + 1];
    signal nextIndex[nQueue + nTx + 1];
    root[0] <== oldAccountRoot;
    nextIndex[0] <== oldNextIndex;
    signal exitLeaves[nQueue + nTx];

    // 1. Queue slots: consumed entries form a prefix.
    component q[nQueue];
    signal chain[nQueue + 1];
    chain[0] <== oldQueueHash;
    var queueCount = 0;
    for (var s = 0; s < nQueue; s++) {
        if (s > 0) qEnabled[s] * (1 - qEnabled[s - 1]) === 0;
        queueCount += qEnabled[s];
        q[s] = QueueSlot(depth);
        q[s].rootIn <== root[s];
        q[s].nextIndexIn <== nextIndex[s];
        q[s].chainIn <== chain[s];
        q[s].enabled <== qEnabled[s];
        q[s].kind <== qKind[s];
        q[s].sender <== qSender[s];
        q[s].index <== qIndex[s];
        q[s].tokenId <== qTokenId[s];
        q[s].toIndex <== qToIndex[s];
        q[s].amount <== qAmount[s];
        q[s].pubKeyX <== qPubKeyX[s];
        q[s].pubKeyY <== qPubKeyY[s];
        q[s].aIndex <== qAIndex[s];
        q[s].aEmpty <== qAEmpty[s];
        q[s].bIndex <== qBIndex[s];
        q[s].bEmpty <== qBEmpty[s];
        for (var i = 0; i < 6; i++) {
            q[s].aLeaf[i] <== qALeaf[s][i];
            q[s].bLeaf[i] <== qBLeaf[s][i];
        }
        for (var i = 0; i < depth; i++) {
            q[s].aSiblings[i] <== qASiblings[s][i];
            q[s].bSiblings[i] <== qBSiblings[s][i];
        }
        root[s + 1] <== q[s].rootOut;
        nextIndex[s + 1] <== q[s].nextIndexOut;
        chain[s + 1] <== q[s].chainOut;
        exitLeaves[s] <== q[s].exitLeaf;
    }
    chain[nQueue] === newQueueHash;

    // Fee slot tokens (tokens never change, so the fee accounts' tokens at the end are the
    // tokens during the chunk) and whether a slot is unused.
    component feeIsUnused[nFee];
    for (var k = 0; k < nFee; k++) {
        feeIsUnused[k] = IsZero();
        feeIsUnused[k].in <== feeIndex[k];
    }

    // 2. L2 record slots.
    component t[nTx];
    signal seqCount[nTx + 1];
    seqCount[0] <== 0;
    for (var s = 0; s < nTx; s++) {
        t[s] = TxSlot(depth, nFee, payloadBits);
        t[s].rootIn <== root[nQueue + s];
        t[s].nextIndexIn <== nextIndex[nQueue + s];
        t[s].domain <== domain;
        t[s].type <== txType[s];
        t[s].from <== txFrom[s];
        t[s].to <== txTo[s];
        t[s].amountExp <== txAmountExp[s];
        t[s].amountMan <== txAmountMan[s];
        t[s].feeExp <== txFeeExp[s];
        t[s].feeMan <== txFeeMan[s];
        t[s].amount <== txAmount[s];
        t[s].fee <== txFee[s];
        t[s].address <== txAddress[s];
        t[s].extPayload <== txExtPayload[s];
        t[s].sigR8x <== txSigR8x[s];
        t[s].sigR8y <== txSigR8y[s];
        t[s].sigS <== txSigS[s];
        t[s].feeSlot <== txFeeSlot[s];
        for (var k = 0; k < nFee; k++) {
            t[s].feeTokens[k] <== feeLeaf[k][4];
            t[s].feeUnused[k] <== feeIsUnused[k].out;
        }
        t[s].aIndex <== txAIndex[s];
        t[s].aEmpty <== txAEmpty[s];
        t[s].bIndex <== txBIndex[s];
        t[s].bEmpty <== txBEmpty[s];
        for (var i = 0; i < 6; i++) {
            t[s].aLeaf[i] <== txALeaf[s][i];
            t[s].bLeaf[i] <== txBLeaf[s][i];
        }
        for (var i = 0; i < depth; i++) {
            t[s].aSiblings[i] <== txASiblings[s][i];
            t[s].bSiblings[i] <== txBSiblings[s][i];
        }
        root[nQueue + s + 1] <== t[s].rootOut;
        nextIndex[nQueue + s + 1] <== t[s].nextIndexOut;
        exitLeaves[nQueue + s] <== t[s].exitLeaf;
        // consecutive sequence numbers for transactions
        t[s].isTx * (txSeq[s] - firstSeq - seqCount[s]) === 0;
        seqCount[s + 1] <== seqCount[s] + t[s].isTx;
    }

    // Record structure: padding only at the end; each carrier is followed by exactly its
    // extension records, whose payloads hold its address (160 bits, then zero bits).
    var spareBits = extRecords * payloadBits - ADDRESS_BITS();
    for (var s = 0; s < nTx; s++) {
        if (s + 1 < nTx) t[s].isNoop * (1 - t[s + 1].isNoop) === 0;
        var carriersBefore = 0;
        for (var k = 1; k <= extRecords; k++) {
            if (s - k >= 0) carriersBefore += t[s - k].isCarrier;
        }
        t[s].isExtension === carriersBefore;
        if (s + extRecords >= nTx) {
            t[s].isCarrier === 0;
        } else {
            var ext = 0;
            for (var k = 1; k <= extRecords; k++) ext = ext * (2 ** payloadBits) + txExtPayload[s + k];
            t[s].isCarrier * (txAddress[s] * (2 ** spareBits) - ext) === 0;
        }
    }

    // 3. Fee credits.
    component fee[nFee];
    for (var k = 0; k < nFee; k++) {
        var sum = 0;
        for (var s = 0; s < nTx; s++) sum += t[s].feeAdd[k];
        feeTotal[k] === sum;
        feeIsUnused[k].out * feeTotal[k] === 0;
        (1 - feeIsUnused[k].out) * feeEmpty[k] === 0;
        fee[k] = AccountAccess(depth);
        fee[k].rootIn <== root[nQueue + nTx + k];
        fee[k].index <== feeIndex[k];
        fee[k].beforeEmpty <== feeEmpty[k];
        fee[k].afterEmpty <== feeEmpty[k];
        for (var i = 0; i < 6; i++) {
            fee[k].before[i] <== feeLeaf[k][i];
            if (i == 2) {
                fee[k].after[i] <== feeLeaf[k][i] + feeTotal[k];
            } else {
                fee[k].after[i] <== feeLeaf[k][i];
            }
        }
        for (var i = 0; i < depth; i++) fee[k].siblings[i] <== feeSiblings[k][i];
        root[nQueue + nTx + k + 1] <== fee[k].rootOut;
    }
    component feeBalanceRange[nFee];
    for (var k = 0; k < nFee; k++) {
        feeBalanceRange[k] = RangeCheck(AMOUNT_BITS());
        feeBalanceRange[k].in <== feeLeaf[k][2] + feeTotal[k];
    }

    // New state root.
    component newRoot = Poseidon(2);
    newRoot.inputs[0] <== root[nQueue + nTx + nFee];
    newRoot.inputs[1] <== nextIndex[nQueue + nTx];
    newRoot.out === newStateRoot;

    // Exit tree.
    component exits = DenseRoot(nQueue + nTx, exitDepth);
    for (var i = 0; i < nQueue + nTx; i++) exits.leaves[i] <== exitLeaves[i];
    exits.root === exitRoot;

    // Transaction list.
    component listLeaf[nTx];
    signal txListLeaves[nTx];
    for (var s = 0; s < nTx; s++) {
        listLeaf[s] = Poseidon(2);
        listLeaf[s].inputs[0] <== txSeq[s];
        listLeaf[s].inputs[1] <== t[s].txHash;
        txListLeaves[s] <== t[s].isTx * listLeaf[s].out;
    }
    component txList = DenseRoot(nTx, txListDepth);
    for (var s = 0; s < nTx; s++) txList.leaves[s] <== txListLeaves[s];
    component txListHash = Poseidon(3);
    txListHash.inputs[0] <== firstSeq;
    txListHash.inputs[1] <== seqCount[nTx];
    txListHash.inputs[2] <== txList.root;
    txListHash.out === txListCommitment;

    // DA bit stream: queue count, fee account indices, records; then 248-bit elements.
    var totalBits = chunkElements * 248;
    signal daBits[totalBits];
    component queueCountBits_ = Num2Bits(queueCountBits);
    queueCountBits_.in <== queueCount;
    var pos = 0;
    for (var i = queueCountBits - 1; i >= 0; i--) { daBits[pos] <== queueCountBits_.out[i]; pos++; }
    component feeIndexBits[nFee];
    for (var k = 0; k < nFee; k++) {
        feeIndexBits[k] = Num2Bits(depth);
        feeIndexBits[k].in <== feeIndex[k];
        for (var i = depth - 1; i >= 0; i--) { daBits[pos] <== feeIndexBits[k].out[i]; pos++; }
    }
    for (var s = 0; s < nTx; s++) {
        for (var i = 0; i < recordBits; i++) { daBits[pos] <== t[s].recordBits[i]; pos++; }
    }
    while (pos < totalBits) { daBits[pos] <== 0; pos++; }
    component data[chunkElements];
    signal dataChain[chunkElements + 1];
    dataChain[0] <== 0;
    for (var e = 0; e < chunkElements; e++) {
        var element = 0;
        for (var i = 0; i < 248; i++) element = element * 2 + daBits[e * 248 + i];
        data[e] = Poseidon(2);
        data[e].inputs[0] <== dataChain[e];
        data[e].inputs[1] <== element;
        dataChain[e + 1] <== data[e].out;
    }
    dataChain[chunkElements] === dataCommitment;

    // The chunk's share of the blob's value at the challenge, from the same bits.
    component share = BlobShare(chunkElements, maxChunks, shareQuotientBits, shareCarryBits);
    share.blobChallenge <== blobChallenge;
    share.blobShareHi <== blobShareHi;
    share.blobShareLo <== blobShareLo;
    for (var i = 0; i < totalBits; i++) share.dataBits[i] <== daBits[i];
    for (var e = 0; e < chunkElements; e++) {
        for (var l = 0; l < 3; l++) {
            share.blobTerm[e][l] <== blobTerm[e][l];
            share.blobTermQuot[e][l] <== blobTermQuot[e][l];
        }
        for (var k = 0; k < 4; k++) share.blobTermCarry[e][k] <== blobTermCarry[e][k];
    }
    for (var l = 0; l < shareQuotLimbs; l++) share.blobShareQuot[l] <== blobShareQuot[l];
    for (var k = 0; k < shareCoefs - 1; k++) share.blobShareCarry[k] <== blobShareCarry[k];
}
