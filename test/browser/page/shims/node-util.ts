// The browser's own TextEncoder and TextDecoder stand in for node:util's.
export const TextEncoder = globalThis.TextEncoder;
export const TextDecoder = globalThis.TextDecoder;
export default { TextEncoder, TextDecoder };
