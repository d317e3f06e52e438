import type { TestApp } from './test-app.ts';
import { origin, testPassword } from './test-app.ts';

/** A client for app.request() that keeps its session cookie between calls, like a browser. */
export class Agent {
  cookie = '';

  constructor(private readonly app: TestApp['app']) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = { method, headers: { origin, ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await this.app.request(`${origin}${path}`, init);
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!.endsWith('=') ? '' : set.split(';')[0]!;
    return res;
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', path, body ?? {}, headers);

  async login(username: string, password = testPassword): Promise<Response> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
    return res;
  }
}

export async function loggedIn(app: TestApp['app'], username: string): Promise<Agent> {
  const agent = new Agent(app);
  await agent.login(username);
  return agent;
}
