// A real OpenID provider on loopback for the sign-in tests: the npm package
// oidc-provider, with its development login form (any password), one confidential client
// for the console, and a few people whose `groups` claim maps to portal roles.
import http from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './procs.mjs';

/** The people the provider knows: login name → claims. */
export const PEOPLE = {
  'alice': { email: 'alice@example.com', groups: ['ack-support-admins'] },
  'bob': { email: 'bob@example.com', groups: ['ack-support-viewers'] },
  'eve': { email: 'eve@example.com', groups: ['marketing'] },
};

export const CLIENT_ID = 'ack-console';
export const CLIENT_SECRET = 'a-client-secret-for-the-tests-only';

/** Starts the provider; `redirectUris` are the console's callback addresses. */
export async function startOidc(redirectUris) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], groups: ['groups'] },
    scopes: ['openid', 'email', 'groups'],
    findAccount: async (_ctx, id) => {
      const person = PEOPLE[id];
      if (!person) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: person.email, email_verified: true, groups: person.groups }),
      };
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    ttl: { Session: 600, Interaction: 600, Grant: 600, AuthorizationCode: 60, IdToken: 600, AccessToken: 600 },
  });
  provider.proxy = false;
  // Quiet: the provider's own warnings about its development defaults are expected here.
  provider.on('server_error', (_ctx, err) => console.error(`oidc-provider: ${err}`));
  const server = http.createServer(provider.callback());
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
