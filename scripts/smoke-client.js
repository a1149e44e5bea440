// The smoke test's client (scripts/smoke.sh): waits for /health, then signs in, creates and reads
// an operation, and verifies the audit chain. Exits non-zero with the step that failed.
'use strict';
const base = process.argv[2];
const password = process.env.HAVEN_SMOKE_PASSWORD;

async function call(method, path, token, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function expect(step, ok, detail) {
  if (!ok) {
    console.error(`smoke: ${step} failed: ${JSON.stringify(detail)}`);
    process.exit(1);
  }
  console.log(`smoke: ${step}`);
}

async function signIn(username) {
  let res = await call('POST', '/api/v1/auth/login', null, { username, password });
  // Accounts the CLI makes have a one-time password: replace it first, as a new user must.
  if (res.status === 403 && res.body && res.body.mustChangePassword) {
    const changed = await call('POST', '/api/v1/account/password', null, { username, password, newPassword: `${password}-own` });
    expect(`${username} replaces the one-time password`, changed.status < 300, changed);
    res = await call('POST', '/api/v1/auth/login', null, { username, password: `${password}-own` });
  }
  expect(`${username} signs in`, res.status === 200, res);
  return res.body.accessToken;
}

async function main() {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const up = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) expect('/health within 90 s', false, 'no answer');
    await new Promise((r) => setTimeout(r, 100));
  }
  const t0 = Number(process.env.HAVEN_SMOKE_T0 || 0);
  if (t0) console.log(`smoke: /health healthy ${Date.now() - Math.round(t0 / 1e6)} ms after start`);
  const supervisor = await signIn('smoke.supervisor');
  const made = await call('POST', '/api/v1/operations', supervisor, { name: 'SMOKE', reference: 'SMOKE/0001', startsOn: '2021-03-01' });
  expect('create an operation', made.status === 201, made);
  const read = await call('GET', `/api/v1/operations/${made.body.id}`, supervisor);
  expect('read it back', read.status === 200 && read.body.reference === 'SMOKE/0001', read);
  const auditor = await signIn('smoke.auditor');
  const verify = await call('GET', '/api/v1/audit-events/verify', auditor);
  expect('verify the audit chain', verify.status === 200 && verify.body.valid === true && verify.body.checked > 0, verify);
}

main().catch((e) => {
  console.error(`smoke: ${e.message}`);
  process.exit(1);
});
