import { randomUUID } from 'node:crypto';
import { FRONT_DOOR_ROLES, ROLES, type Role } from '../../src/common/auth/roles.js';
import { bearer, makeOrganisation, signedIn, startTestApp, type TestApp } from '../support/app.js';
import { registeredRoutes } from '../../src/app.setup.js';
import { appRoutes, type AppRoute } from '../support/routes.js';

/**
 * Who may call each route, written out by hand. A route missing here fails the test, so every
 * new route comes with its expected audience.
 */
const EXPECTED: Record<string, 'public' | readonly Role[]> = {
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': ROLES,
  'GET /api/auth/me': ROLES,
  'GET /api/users': ['admin'],
  'GET /api/users/:id': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'GET /api/organisations': ROLES,
  'GET /api/organisations/:id': ROLES,
  'POST /api/organisations': ['admin'],
  'PATCH /api/organisations/:id': ['admin'],
  'GET /api/audit': ['admin'],
  'GET /api/taxonomy': ROLES,
  'POST /api/taxonomy': ['admin'],
  'PATCH /api/taxonomy/:code': ['admin'],
  'GET /api/areas': ROLES,
  'GET /api/areas/lookup': ROLES,
  'GET /api/services': ROLES,
  'GET /api/services/:id': ROLES,
  'POST /api/services': ['admin', 'partner'],
  'PATCH /api/services/:id': ['admin', 'partner'],
  'GET /api/locations': ROLES,
  'GET /api/locations/:id': ROLES,
  'POST /api/locations': ['admin', 'partner'],
  'PATCH /api/locations/:id': ['admin', 'partner'],
  // The Open Referral UK feed: open data (unless OFD_HSDS_FEED_PUBLIC=false, see hsds-feed).
  'GET /api/hsds': 'public',
  'GET /api/hsds/services': 'public',
  'GET /api/hsds/services/:id': 'public',
  'GET /api/hsds/service_at_locations': 'public',
  'GET /api/hsds/service_at_locations/:id': 'public',
  'GET /api/hsds/organizations': 'public',
  'GET /api/hsds/organizations/:id': 'public',
  'GET /api/hsds/taxonomies': 'public',
  'GET /api/hsds/taxonomies/:id': 'public',
  'GET /api/hsds/taxonomy_terms': 'public',
  'GET /api/hsds/taxonomy_terms/:id': 'public',
  'POST /api/hsds/import': ['admin'],
  // People, consent, contacts, cases, triage and caseload: the front door's own staff; partner
  // users see referrals only.
  'POST /api/people/search': FRONT_DOOR_ROLES,
  'POST /api/people': FRONT_DOOR_ROLES,
  'GET /api/people/:id': FRONT_DOOR_ROLES,
  'PATCH /api/people/:id': FRONT_DOOR_ROLES,
  'GET /api/people/:id/views': ['admin', 'team_lead'],
  'POST /api/people/:id/consents': FRONT_DOOR_ROLES,
  'GET /api/people/:id/consents': FRONT_DOOR_ROLES,
  'POST /api/consents/:id/withdraw': FRONT_DOOR_ROLES,
  'POST /api/contacts': FRONT_DOOR_ROLES,
  'GET /api/cases': FRONT_DOOR_ROLES,
  'GET /api/cases/:id': FRONT_DOOR_ROLES,
  'GET /api/cases/:id/timeline': FRONT_DOOR_ROLES,
  'POST /api/cases/:id/notes': FRONT_DOOR_ROLES,
  'POST /api/cases/:id/assign': FRONT_DOOR_ROLES,
  'POST /api/cases/:id/outcome-measures': FRONT_DOOR_ROLES,
  'POST /api/cases/:id/close': FRONT_DOOR_ROLES,
  'POST /api/cases/reassign': ['team_lead', 'admin'],
  'GET /api/caseload': FRONT_DOOR_ROLES,
  'GET /api/queue': FRONT_DOOR_ROLES,
  'PUT /api/caseload/:userId/limit': ['team_lead', 'admin'],
  'POST /api/cases/:id/triage': FRONT_DOOR_ROLES,
  'GET /api/cases/:id/recommendations': FRONT_DOOR_ROLES,
  'POST /api/cases/:id/signposts': FRONT_DOOR_ROLES,
  'GET /api/cases/:id/signposts': FRONT_DOOR_ROLES,
  'GET /api/triage/config': FRONT_DOOR_ROLES,
  // Referrals: the front door sends and withdraws; the receiving partner moves them on; both
  // read (a partner only its organisation's) and write to the thread.
  'POST /api/cases/:id/referrals': FRONT_DOOR_ROLES,
  'POST /api/cases/:id/consent-overrides': ['team_lead'],
  'GET /api/referrals': ROLES,
  'GET /api/referrals/:id': ROLES,
  'POST /api/referrals/:id/accept': ['partner'],
  'POST /api/referrals/:id/decline': ['partner'],
  'POST /api/referrals/:id/start': ['partner'],
  'POST /api/referrals/:id/hold': ['partner'],
  'POST /api/referrals/:id/resume': ['partner'],
  'POST /api/referrals/:id/complete': ['partner'],
  'POST /api/referrals/:id/withdraw': FRONT_DOOR_ROLES,
  'GET /api/referrals/:id/messages': ROLES,
  'POST /api/referrals/:id/messages': ROLES,
};

const key = (route: AppRoute) => `${route.method} ${route.path}`;

describe('Deny by default: every route declares who may call it', () => {
  let t: TestApp;
  let routes: AppRoute[];
  beforeAll(async () => {
    t = await startTestApp();
    routes = appRoutes(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('knows every route Fastify serves: each is a declared Nest route or the OpenAPI docs', () => {
    const declared = new Set(routes.map(key));
    const served = registeredRoutes(t.app).filter(
      (route) => route.method !== 'HEAD' && route.method !== 'OPTIONS',
    );
    expect(served.length).toBeGreaterThan(0);
    for (const route of served) {
      const name = `${route.method} ${route.url}`;
      const known = declared.has(name) || route.url.startsWith('/docs');
      expect({ route: name, known }).toEqual({ route: name, known: true });
    }
    // And the other way: every declared route is really served.
    const servedNames = new Set(served.map((route) => `${route.method} ${route.url}`));
    for (const route of routes) expect(servedNames.has(key(route))).toBe(true);
  });

  it('the expected audiences below name exactly the routes the app has', () => {
    expect(routes.map(key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('every route has an access rule', () => {
    const undeclared = routes.filter((route) => route.rule === undefined).map(key);
    expect(undeclared).toEqual([]);
  });

  it('every route has an expected audience in this test, and it matches the declaration', () => {
    for (const route of routes) {
      const expected = EXPECTED[key(route)];
      expect({ route: key(route), expected }).toEqual({
        route: key(route),
        expected: expect.anything(),
      });
      if (expected === 'public') expect(route.rule).toEqual({ kind: 'public' });
      else
        expect({
          route: key(route),
          roles: route.rule?.kind === 'roles' ? [...route.rule.roles].sort() : route.rule,
        }).toEqual({ route: key(route), roles: [...expected].sort() });
    }
  });

  it('refuses every non-public route without a token (401)', async () => {
    for (const route of routes.filter((r) => r.rule?.kind === 'roles')) {
      const path = route.path.replace(/:[a-zA-Z]+/g, randomUUID());
      const response = await t.http()[route.method.toLowerCase() as 'get'](path).send({});
      expect({ route: key(route), status: response.status }).toEqual({
        route: key(route),
        status: 401,
      });
    }
  });

  it('lets each role reach only its routes (403 for the others)', async () => {
    const partnerOrganisation = await makeOrganisation(t, 'partner');
    const signIn = (role: Role) =>
      signedIn(t, role, role === 'partner' ? { organisationId: partnerOrganisation.id } : {});
    const users = new Map<Role, Awaited<ReturnType<typeof signIn>>>();
    for (const role of ROLES) users.set(role, await signIn(role));
    for (const route of routes.filter((r) => r.rule?.kind === 'roles')) {
      const expected = EXPECTED[key(route)];
      for (const role of ROLES) {
        // Logging out ends the caller's session: that route gets a session of its own.
        const user = route.path.endsWith('/logout') ? await signIn(role) : users.get(role)!;
        const path = route.path.replace(/:[a-zA-Z]+/g, randomUUID());
        const response = await t
          .http()
          [route.method.toLowerCase() as 'get'](path)
          .set(bearer(user.accessToken))
          .send({});
        const allowed = expected !== 'public' && expected !== undefined && expected.includes(role);
        if (allowed) {
          expect({ route: key(route), role, status: response.status }).not.toMatchObject({
            status: 403,
          });
          expect({ route: key(route), role, status: response.status }).not.toMatchObject({
            status: 401,
          });
        } else {
          expect({ route: key(route), role, status: response.status }).toEqual({
            route: key(route),
            role,
            status: 403,
          });
          expect(response.body).toMatchObject({ code: 'AUTH_ROLE_NOT_ALLOWED' });
        }
      }
    }
  });

  it('documents every route in OpenAPI, with who may call it', async () => {
    const response = await t.http().get('/docs-json');
    expect(response.status).toBe(200);
    const document = response.body as {
      paths: Record<
        string,
        Record<
          string,
          { security?: unknown[]; 'x-access'?: { public?: boolean; roles?: string[] } }
        >
      >;
    };
    for (const route of routes) {
      const openApiPath = route.path.replace(/:([a-zA-Z]+)/g, '{$1}');
      const operation = document.paths[openApiPath]?.[route.method.toLowerCase()];
      expect({ route: key(route), documented: operation !== undefined }).toEqual({
        route: key(route),
        documented: true,
      });
      if (route.rule?.kind === 'roles') {
        expect(operation?.security).toEqual([{ bearer: [] }]);
        expect([...(operation?.['x-access']?.roles ?? [])].sort()).toEqual(
          [...route.rule.roles].sort(),
        );
      } else {
        expect(operation?.['x-access']).toEqual({ public: true });
      }
    }
    expect((await t.http().get('/docs')).status).toBe(200);
  });
});
