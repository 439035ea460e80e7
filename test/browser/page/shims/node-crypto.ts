// The browser's Web Crypto stands in for node:crypto (the fake uses webcrypto only).
export const webcrypto = globalThis.crypto;
export default { webcrypto };
