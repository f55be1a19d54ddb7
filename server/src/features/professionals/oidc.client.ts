import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as oidc from 'openid-client';

/** Where the relying party finds its issuer, and how it reaches it. */
export interface RpSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The bundled provider is reached in-process (same server), whatever PUBLIC_URL says; others over the network. */
  inProcess?: FastifyInstance;
}

/** What the start of a sign-in leaves in the browser (signed cookie) for its callback to check. */
export interface LoginState {
  state: string;
  nonce: string;
  verifier: string;
  exp: number;
}

export const LOGIN_COOKIE = 'carnet_pro_oidc';
const SCOPE = 'openid scope_all';
/** Pro Santé Connect's level: a CPS card or the e-CPS app. */
export const REQUIRED_ACR = 'eidas1';

/** A fetch that sends the request to the app itself (light-my-request): the bundled provider, no network. */
function inProcessFetch(app: FastifyInstance): oidc.CustomFetch {
  return async (url, options) => {
    const u = new URL(url);
    const headers: Record<string, string> = {};
    new Headers(options.headers as HeadersInit).forEach((v, k) => (headers[k] = v));
    headers.host = u.host;
    const body = options.body === undefined || options.body === null ? undefined : String(options.body);
    const res = await app.inject({
      method: options.method as 'GET',
      url: u.pathname + u.search,
      headers,
      ...(body !== undefined ? { payload: body } : {}),
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers))
      if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : String(v));
    return new Response([204, 304].includes(res.statusCode) ? null : new Uint8Array(res.rawPayload), {
      status: res.statusCode,
      headers: out,
    });
  };
}

/** Carnet as a relying party (openid-client 6): discovery once, then the code flow with PKCE, state and nonce. */
export class RelyingParty {
  #config: Promise<oidc.Configuration> | null = null;
  #clockSkew = 0;

  constructor(
    private readonly s: RpSettings,
    private readonly stateKey: Buffer,
  ) {}

  configuration(): Promise<oidc.Configuration> {
    if (!this.#config) {
      const insecure = new URL(this.s.issuer).protocol === 'http:';
      this.#config = oidc
        .discovery(
          new URL(this.s.issuer),
          this.s.clientId,
          { [oidc.clockSkew]: this.#clockSkew },
          oidc.ClientSecretBasic(this.s.clientSecret),
          {
            ...(this.s.inProcess ? { [oidc.customFetch]: inProcessFetch(this.s.inProcess) } : {}),
            ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
          },
        )
        .catch((err: unknown) => {
          this.#config = null;
          throw err;
        });
    }
    return this.#config;
  }

  /**
   * Seconds the local clock is taken to be behind (openid-client's clockSkew): tests set +3600 to check
   * tokens as an hour later, proving an expired ID token is refused. Discovery is done again.
   */
  setClockSkew(seconds: number): void {
    this.#clockSkew = seconds;
    this.#config = null;
  }

  /** The authorization URL to send the browser to, and the state its callback must bring back. */
  async start(): Promise<{ url: string; cookie: string }> {
    const config = await this.configuration();
    const login: LoginState = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      exp: Date.now() + 600_000,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.s.redirectUri,
      scope: SCOPE,
      acr_values: REQUIRED_ACR,
      // A card sign-in every time: no silent reuse of the provider's session.
      prompt: 'login',
      state: login.state,
      nonce: login.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(login.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, cookie: this.seal(login) };
  }

  /**
   * Checks the callback: state, code exchange with the PKCE verifier, ID token (signature, issuer, audience,
   * expiry, nonce), then reads the UserInfo claims. Throws on any mismatch.
   */
  async finish(
    callbackUrl: URL,
    cookie: string | undefined,
  ): Promise<{ acr: string | undefined; claims: Record<string, unknown> }> {
    const login = this.open(cookie);
    if (!login) throw new Error('login state missing, forged or expired');
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: login.verifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const id = tokens.claims()!;
    const info = await oidc.fetchUserInfo(config, tokens.access_token, id.sub);
    return { acr: typeof id.acr === 'string' ? id.acr : undefined, claims: info as Record<string, unknown> };
  }

  seal(login: LoginState): string {
    const body = Buffer.from(JSON.stringify(login)).toString('base64url');
    return `${body}.${createHmac('sha256', this.stateKey).update(body).digest('base64url')}`;
  }

  open(cookie: string | undefined): LoginState | null {
    if (!cookie || cookie.length > 2000) return null;
    const [body, mac] = cookie.split('.');
    if (!body || !mac) return null;
    const expected = createHmac('sha256', this.stateKey).update(body).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const login = JSON.parse(Buffer.from(body, 'base64url').toString()) as LoginState;
    return login.exp > Date.now() ? login : null;
  }
}

/** The RPPS in Pro Santé Connect's SubjectNameID ("8" + 11 digits), or null. */
export function rppsOf(claims: Record<string, unknown>): string | null {
  const id = claims.SubjectNameID;
  return typeof id === 'string' && /^8\d{11}$/.test(id) ? id.slice(1) : null;
}

/** The TRE_G15 profession codes the provider asserts (SubjectRefPro.exercices[].codeProfession). */
export function professionsOf(claims: Record<string, unknown>): string[] {
  const ref = claims.SubjectRefPro as { exercices?: { codeProfession?: unknown }[] } | undefined;
  return (ref?.exercices ?? []).flatMap((e) => (typeof e.codeProfession === 'string' ? [e.codeProfession] : []));
}
