// A real OpenID Connect provider for Kith's tests: panva's `oidc-provider` (certified by the
// OpenID Foundation), with the few things a municipality's identity provider has and a test
// needs: people to sign in as, a sign-in page, and a switch that makes the next ID token
// arrive wrong in one way (another issuer, another audience, expired, a bad signature, an
// unknown key, an earlier token again), as a broken or hostile provider would send it.
//
//   node provider.mjs <port> <kith base URL>
//
// It prints `ready <issuer>` when it answers. Test-only addresses (never in a real provider):
//   POST /__test/accounts  {"sub", "email", "email_verified", "name", "groups"}  adds a person
//   POST /__test/tamper    {"mode": "wrong_issuer" | "wrong_audience" | "expired" |
//                           "bad_signature" | "unknown_key" | "replay"}  spoils the next ID token
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import * as jose from 'jose';

const port = Number(process.argv[2]);
const kith = (process.argv[3] || '').replace(/\/$/, '');
const issuer = `http://127.0.0.1:${port}`;

const accounts = new Map();
let tamper = null;
let lastIdToken = null;

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: 'kommune-1', alg: 'RS256', use: 'sig' };

const html = (title, body) => `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8">
<title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'kith',
    client_secret: 'kith-test-secret',
    redirect_uris: [`${kith}/login/oidc/kommune/callback`],
    post_logout_redirect_uris: [`${kith}/login?signed_out=1`],
    backchannel_logout_uri: `${kith}/login/oidc/kommune/backchannel-logout`,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [signingJwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  features: {
    devInteractions: { enabled: false },
    // Ending a session here tells Kith, server to server.
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // The person asked Kith to sign them out: no second question here.
      logoutSource: async (ctx, form) => {
        ctx.body = html('Logger ud', `${form}<script>document.forms[0].submit()</script>
<noscript><button form="op.logoutForm" name="logout" value="yes">Log ud</button></noscript>`)
          .replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
      },
    },
  },
  // Kith runs on loopback in the tests: let the provider post back-channel logouts there (its
  // guard against requests to special-use addresses is right for a real deployment).
  fetch: (url, options) => {
    delete options.dispatcher;
    return globalThis.fetch(url, options);
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (ctx, sub) => {
    const a = accounts.get(sub);
    if (!a) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...a }) };
  },
  // Kith is the municipality's own application: its staff are not asked to consent.
  loadExistingGrant: async (ctx) => {
    const id = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (id) return ctx.oidc.provider.Grant.find(id);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
});

provider.on('backchannel.error', (ctx, err, client) => console.error('back-channel logout failed', client.clientId, err.message, err.cause && (err.cause.code || err.cause.message)));
provider.on('backchannel.success', (ctx, client) => console.error('back-channel logout sent', client.clientId));

// The spoiled ID token, signed as the switch says.
async function spoil(idToken, mode) {
  if (mode === 'replay') return lastIdToken || idToken;
  const claims = jose.decodeJwt(idToken);
  let key = privateKey;
  let kid = signingJwk.kid;
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'wrong_issuer') claims.iss = `${issuer}/another`;
  if (mode === 'wrong_audience') claims.aud = 'another-client';
  if (mode === 'expired') { claims.iat = now - 7200; claims.exp = now - 3600; }
  if (mode === 'bad_signature' || mode === 'unknown_key') {
    key = (await jose.generateKeyPair('RS256')).privateKey;
    if (mode === 'unknown_key') kid = 'not-in-the-key-set';
  }
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
}

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.body && ctx.body.id_token) {
    const issued = ctx.body.id_token;
    if (tamper) {
      ctx.body.id_token = await spoil(issued, tamper);
      tamper = null;
    }
    lastIdToken = issued;
  }
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, 'text/plain', 'wrong interaction');
  if (req.method === 'GET') {
    return send(res, 200, 'text/html; charset=utf-8', html('Log ind hos Testkommune',
      `<form method="post" action="/interaction/${escape(uid)}">
<label for="login">Brugernavn</label> <input id="login" name="login" autofocus>
<button type="submit">Log ind</button></form>`));
  }
  const form = new URLSearchParams(await readBody(req));
  const login = form.get('login') || '';
  if (!accounts.has(login)) {
    return send(res, 200, 'text/html; charset=utf-8', html('Log ind hos Testkommune',
      `<p role="alert">Ukendt brugernavn.</p><form method="post" action="/interaction/${escape(uid)}">
<label for="login">Brugernavn</label> <input id="login" name="login" value="${escape(login)}">
<button type="submit">Log ind</button></form>`));
  }
  return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/__test/accounts' && req.method === 'POST') {
      const a = JSON.parse(await readBody(req));
      const { sub, ...claims } = a;
      accounts.set(sub, claims);
      return send(res, 204, 'text/plain', '');
    }
    if (url.pathname === '/__test/tamper' && req.method === 'POST') {
      tamper = JSON.parse(await readBody(req)).mode;
      return send(res, 204, 'text/plain', '');
    }
    const m = url.pathname.match(/^\/interaction\/([A-Za-z0-9_-]+)$/);
    if (m) return await interaction(req, res, m[1]);
    return callback(req, res);
  } catch (e) {
    console.error(e);
    if (!res.headersSent) send(res, 500, 'text/plain', 'provider error');
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
  // The rest of what is said goes to the error stream, which the tests keep in a file.
  console.log = console.info = console.warn = console.error;
});
