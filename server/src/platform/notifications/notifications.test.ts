import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { NotificationHub, type NotificationSignal } from './hub.ts';

let t: TestApp;
let base: string;
let admin: SignedIn;
let user: SignedIn;
let other: SignedIn;
let roleId: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
  admin = await setupWorkspace(t);
  user = await addUser(t, admin.workspaceId, { name: 'Ivan Petrenko' });
  other = await addUser(t, admin.workspaceId, { name: 'Other' });
  await t.ctx.db.updateTable('users').set({ locale: 'uk' }).where('id', '=', user.userId).execute();
  const role = await t.app.inject({ method: 'POST', url: '/api/v1/roles', headers: admin.headers, payload: { name: 'Reader', grants: { partners: { read: 'all' } } } });
  roleId = role.json().id;
});
afterAll(() => t.close());

/** Reads server-sent events until one named `event` arrives (or the timeout passes). */
async function nextEvent(response: Response, event: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const { value, done } = await Promise.race([
        reader.read(),
        new Promise<{ value: undefined; done: true }>((r) => setTimeout(() => r({ value: undefined, done: true }), deadline - Date.now())),
      ]);
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (const block of buffer.split('\n\n')) {
        if (block.includes(`event: ${event}`)) {
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) return JSON.parse(data.slice(6)) as Record<string, unknown>;
        }
      }
    }
    throw new Error(`no ${event} event within ${timeoutMs} ms; got: ${buffer}`);
  } finally {
    await reader.cancel().catch(() => {});
  }
}

describe(`notifications (${testDatabaseKind})`, () => {
  it('streams a notification to its user as soon as the change commits, in the user’s language', async () => {
    const stream = await fetch(`${base}/api/v1/notifications/stream`, { headers: { cookie: user.cookie } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const othersStream = await fetch(`${base}/api/v1/notifications/stream`, { headers: { cookie: other.cookie } });
    const received = nextEvent(stream, 'notification');
    const notReceived = nextEvent(othersStream, 'notification', 1500).then(
      () => 'leaked',
      () => 'quiet',
    );
    const res = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${user.userId}/roles`, headers: admin.headers, payload: { roleIds: [roleId] } });
    expect(res.statusCode).toBe(200);
    const event = await received;
    expect(event).toMatchObject({ kind: 'access_changed', title: 'Ada Admin змінив(ла) ваші права доступу' });
    expect(await notReceived).toBe('quiet');
  });

  it('lists, counts and marks notifications read — only the user’s own', async () => {
    const count = async (who: SignedIn) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: who.headers })).json().count as number;
    expect(await count(user)).toBe(1);
    expect(await count(other)).toBe(0);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true', headers: user.headers });
    const id = list.json().data[0].id as string;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${id}/read`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${id}/read`, headers: user.headers })).statusCode).toBe(204);
    expect(await count(user)).toBe(0);
    await t.app.inject({ method: 'PUT', url: `/api/v1/users/${user.userId}/roles`, headers: admin.headers, payload: { roleIds: [] } });
    expect(await count(user)).toBe(1);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: user.headers })).statusCode).toBe(204);
    expect(await count(user)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications/stream' })).statusCode).toBe(401);
  });

  it('reaches listeners of another hub (on PostgreSQL: another connection, as another server process has)', async () => {
    const url = t.database.pool ? (t.database.pool.options as { connectionString: string }).connectionString : undefined;
    const second = url ? await openDatabase({ url, poolSize: 1 }) : t.database;
    const hub = new NotificationHub(second);
    await hub.start();
    try {
      const got = new Promise<NotificationSignal>((resolve) => hub.subscribe(user.userId, resolve));
      await t.app.inject({ method: 'PUT', url: `/api/v1/users/${user.userId}/roles`, headers: admin.headers, payload: { roleIds: [roleId] } });
      const signal = await Promise.race([got, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
      expect(signal?.userId).toBe(user.userId);
    } finally {
      await hub.stop();
      if (second !== t.database) await second.close();
    }
  });
});
