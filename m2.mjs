import C0 from './node_modules/circomlibjs/src/poseidon_constants_opt.js';
import { buildPoseidon } from 'circomlibjs';
const p = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const conv = o => typeof o === 'string' ? BigInt(o) : o.map(conv);
const t=3, nF=8, nP=57;
const C=conv(C0.C[t-2]), S=conv(C0.S[t-2]), M=conv(C0.M[t-2]), P=conv(C0.P[t-2]);
const pow5 = a => { const a2 = a*a % p; return a2*a2 % p * a % p; };
function mix(s, M){ const r=new Array(t); for(let i=0;i<t;i++){ let acc=0n; for(let j=0;j<t;j++) acc+=M[j][i]*s[j]; r[i]=acc%p;} return r; }
function pos(inputs){
  let s=[0n, ...inputs]; for(let i=0;i<t;i++) s[i]=(s[i]+C[i])%p;
  for(let r=0;r<nF/2-1;r++){ for(let i=0;i<t;i++) s[i]=(pow5(s[i])+C[(r+1)*t+i]); s=mix(s,M); }
  for(let i=0;i<t;i++) s[i]=pow5(s[i])+C[(nF/2)*t+i]; s=mix(s,P);
  for(let r=0;r<nP;r++){ const b=(t*2-1)*r;
    let x=s[0]; const x2=x*x%p; x = (x2*x2%p*x + C[(nF/2+1)*t+r]) % p; s[0]=x;
    let acc=0n; for(let j=0;j<t;j++) acc+=S[b+j]*s[j];
    for(let k=1;k<t;k++) s[k]=(s[k]+x*S[b+t+k-1])%p;
    s[0]=acc%p; }
  for(let r=0;r<nF/2-1;r++){ for(let i=0;i<t;i++) s[i]=pow5(s[i])+C[(nF/2+1)*t+nP+r*t+i]; s=mix(s,M); }
  for(let i=0;i<t;i++) s[i]=pow5(s[i]); s=mix(s,M);
  return s[0];
}
const H = await buildPoseidon();
console.log(pos([1n,2n]) === H.F.toObject(H([1n,2n])));
let t0=performance.now(); let x=0n; for(let i=0;i<20000;i++){ x=pos([x, BigInt(i)]); }
console.log('ours us', (performance.now()-t0)*1e3/20000);
t0=performance.now(); for (let i=0;i<20000;i++){ H.F.toObject(H([1n, BigInt(i)])); }
console.log('circomlibjs us', (performance.now()-t0)*1e3/20000);
process.exit(0)
