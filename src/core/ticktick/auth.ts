// TickTick authorization: a personal API token, or the OAuth2 authorization-code flow (scopes
// tasks:read tasks:write; the token lasts months and there is no refresh token). The `state` sent
// to TickTick must come back unchanged, or the redirect is refused. Tokens live in secret storage only.

import { UserError } from "../errors";
import type { HttpPort, SecretsPort } from "../ports";

export const AUTHORIZE_URL = "https://ticktick.com/oauth/authorize";
export const TOKEN_URL = "https://ticktick.com/oauth/token";
export const SCOPES = "tasks:read tasks:write";
/** Secret storage keys (Obsidian SecretStorage in the plugin). */
export const TOKEN_SECRET = "decp-ticktick-token";
export const CLIENT_SECRET_SECRET = "decp-ticktick-client-secret";

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  authorizeUrl?: string;
}

export function buildAuthorizeUrl(req: AuthorizeRequest): string {
  const params = new URLSearchParams({
    client_id: req.clientId,
    scope: SCOPES,
    state: req.state,
    redirect_uri: req.redirectUri,
    response_type: "code",
  });
  return `${req.authorizeUrl ?? AUTHORIZE_URL}?${params.toString()}`;
}

/** An unguessable `state` from the platform's Web Crypto. */
export function newOAuthState(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The code from a redirect URL (pasted by the user or caught by the loopback listener). */
export function codeFromRedirect(redirectUrl: string, expectedState: string): string {
  let url: URL;
  try {
    url = new URL(redirectUrl.trim());
  } catch {
    throw new UserError(
      "That is not a URL",
      { token: redirectUrl.slice(0, 80) },
      "Paste the whole address TickTick redirected to, starting with http",
    );
  }
  const error = url.searchParams.get("error");
  if (error)
    throw new UserError(`TickTick refused the authorization: ${error}`, {}, "Try connecting again and allow access");
  if (url.searchParams.get("state") !== expectedState) {
    throw new UserError(
      "The authorization answer does not match this connection attempt (state mismatch)",
      {},
      'Start "Connect TickTick" again and use the newest link',
    );
  }
  const code = url.searchParams.get("code");
  if (!code)
    throw new UserError(
      "The redirect URL has no authorization code",
      {},
      "Paste the whole address TickTick redirected to",
    );
  return code;
}

export interface TokenExchange {
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
  tokenUrl?: string;
}

/** Trades the code for an access token: HTTP Basic client credentials, form-encoded body. */
export async function exchangeCode(http: HttpPort, req: TokenExchange): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: req.code,
    redirect_uri: req.redirectUri,
    scope: SCOPES,
  }).toString();
  const response = await http.request({
    url: req.tokenUrl ?? TOKEN_URL,
    method: "POST",
    headers: {
      Authorization: `Basic ${btoa(`${req.clientId}:${req.clientSecret}`)}`,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    },
    body,
    timeoutMs: 30000,
  });
  let token: unknown;
  try {
    token = (JSON.parse(response.text) as { access_token?: unknown }).access_token;
  } catch {
    token = undefined;
  }
  if (response.status !== 200 || typeof token !== "string" || token === "") {
    throw new UserError(
      `TickTick did not issue a token (HTTP ${response.status})`,
      {},
      "Check the client id and secret from developer.ticktick.com, then connect again",
    );
  }
  return token;
}

export async function saveToken(secrets: SecretsPort, token: string, secretId = TOKEN_SECRET): Promise<void> {
  await secrets.set(secretId || TOKEN_SECRET, token.trim());
}

/** The stored token, or a UserError saying how to connect. */
export async function requireToken(secrets: SecretsPort, secretId = TOKEN_SECRET): Promise<string> {
  const token = (await secrets.get(secretId || TOKEN_SECRET))?.trim();
  if (!token) throw new UserError("TickTick is not connected", {}, 'Run "Connect TickTick" first');
  return token;
}
