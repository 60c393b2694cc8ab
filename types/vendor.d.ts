// Untyped JavaScript dependencies. Each is used through a small typed wrapper or in tests.
declare module 'circomlibjs'
declare module 'snarkjs'
declare module 'circom_runtime'
declare module 'ffjavascript'
declare module '@iden3/binfileutils'
