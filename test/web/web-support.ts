import request from 'supertest';
import { fixtureUsername, FixtureName, TEST_PASSWORD, TestApp } from '../support/test-app';

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token of the first form on a page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no CSRF token on the page:\n${html.slice(0, 500)}`);
  return m[1];
}

/** A browser-like client (keeps cookies) signed in through the web sign-in form. */
export async function signIn(t: TestApp, who: FixtureName, purpose?: string): Promise<Agent> {
  const agent = request.agent(t.app.getHttpServer());
  const form = await agent.get('/sign-in').expect(200);
  const res = await agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfFrom(form.text), username: fixtureUsername(who), password: TEST_PASSWORD, ...(purpose ? { purpose } : {}) });
  if (res.status !== 303) throw new Error(`web sign-in ${who} failed: ${res.status}\n${res.text.slice(0, 800)}`);
  return agent;
}

/** GETs a page and posts its form with the page's CSRF token. */
export async function submit(agent: Agent, page: string, action: string, fields: Record<string, string>) {
  const form = await agent.get(page);
  if (form.status !== 200) throw new Error(`GET ${page}: ${form.status}\n${form.text.slice(0, 800)}`);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(form.text), ...fields });
}

/** The text of the page's error summary, or '' when there is none. */
export function errorSummary(html: string): string {
  const m = /<div class="govuk-error-summary[\s\S]*?<\/ul>/.exec(html);
  return m
    ? m[0]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
    : '';
}

/** A set-cookie header for one cookie name. */
export function setCookie(res: { headers: Record<string, unknown> }, name: string): string | undefined {
  const all = ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);
  return all.find((c) => c.startsWith(`${name}=`));
}
