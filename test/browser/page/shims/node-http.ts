// The page makes no HTTP requests through Node: requestUrl in the page fails loudly if a scenario tries.
function unavailable() {
  throw new Error("requestUrl is not available in the browser page");
}
export const request = unavailable;
export default { request };
