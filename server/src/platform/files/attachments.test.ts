import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { addUser, type SignedIn, setupWorkspace } from '../../test/auth.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { contentDisposition } from './attachments.ts';
import { COLLECT_GRACE_MS, collectUnreferencedBlobs } from './collect.ts';

let t: TestApp;
let admin: SignedIn;
let member: SignedIn;
let other: SignedIn;
let unitId: string;

function multipart(fileName: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = `----kontakt${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

const upload = (who: SignedIn, fileName: string, content: Buffer, recordId = unitId) => {
  const body = multipart(fileName, content);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/attachments?entity=orgUnit&recordId=${recordId}`,
    payload: body.payload,
    headers: { ...who.headers, ...body.headers },
  });
};

beforeAll(async () => {
  t = await createTestApp({ maxUploadBytes: 64 * 1024 });
  admin = await setupWorkspace(t);
  member = await addUser(t, admin.workspaceId, { grants: {} });
  other = await setupWorkspace(t);
  const unit = await t.app.inject({ method: 'POST', url: '/api/v1/org-units', headers: admin.headers, payload: { name: 'Vânzări' } });
  expect(unit.statusCode).toBe(201);
  unitId = unit.json().id;
});
afterAll(() => t.close());

describe(`attachments (${testDatabaseKind})`, () => {
  it('uploads, lists and downloads a file with its UTF-8 name, storing equal content once', async () => {
    const res = await upload(admin, 'Ofertă preț – Łódź.pdf', PDF);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'Ofertă preț – Łódź.pdf', mimeType: 'application/pdf', size: String(PDF.length) });
    const again = await upload(admin, 'copy.pdf', PDF);
    expect(again.json().sha256).toBe(res.json().sha256);
    const blobs = await t.ctx.db.selectFrom('fileBlob').select('sha256').where('sha256', '=', res.json().sha256).execute();
    expect(blobs).toHaveLength(1);

    const list = await t.app.inject({ method: 'GET', url: `/api/v1/attachments?entity=orgUnit&recordId=${unitId}`, headers: member.headers });
    expect(list.json().data.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['Ofertă preț – Łódź.pdf', 'copy.pdf']);

    const download = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${res.json().id}/content`, headers: member.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Ofert%C4%83%20pre%C8%9B");
  });

  it('accepts text formats without a magic number and refuses programs, disguised files and unknown binaries', async () => {
    expect((await upload(admin, 'contacts.csv', Buffer.from('name;city\nȘtefan;Iași\n'))).statusCode).toBe(201);
    const exe = await upload(admin, 'setup.exe', EXE);
    expect(exe.statusCode).toBe(415);
    expect(exe.headers['content-type']).toContain('application/problem+json');
    expect((await upload(admin, 'invoice.pdf', EXE)).statusCode).toBe(415);
    expect((await upload(admin, 'blob.bin', Buffer.from([0, 1, 2, 3, 0, 255, 254]))).statusCode).toBe(415);
    expect((await upload(admin, 'fake.csv', Buffer.from([0, 1, 2, 3, 0, 255, 254]))).statusCode).toBe(415);
  });

  it('keeps nothing on disk of a refused upload, while an accepted file of the same content stays', async () => {
    const stored = async () => {
      const out: string[] = [];
      for await (const b of t.ctx.blobs.list()) out.push(b.sha256 ?? `partial:${b.partial}`);
      return out.sort();
    };
    const accepted = await upload(admin, 'kept.pdf', PDF);
    expect(accepted.statusCode).toBe(201);
    const before = await stored();
    const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(300, 0)]);
    const refused: [string, Buffer][] = [
      ['invoice.pdf', Buffer.concat([EXE, Buffer.alloc(20_000, 0x41)])],
      ['photo.jpg', ELF],
      ['offer.pdf', Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>')],
      ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      // the accepted file's content under a name it does not match
      ['kept.jpg', PDF],
    ];
    for (const [name, content] of refused) {
      const res = await upload(admin, name, content);
      expect([name, res.statusCode]).toEqual([name, 415]);
    }
    expect(await stored()).toEqual(before);
    // the accepted file is still there to download
    const download = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${accepted.json().id}/content`, headers: admin.headers });
    expect(download.rawPayload.equals(PDF)).toBe(true);
  });

  it('collects stored blobs no row references once they are older than the grace period, and leftovers of interrupted uploads', async () => {
    const kept = await upload(admin, 'collect-kept.csv', Buffer.from('kept;1\n'));
    expect(kept.statusCode).toBe(201);
    const orphan = await t.ctx.blobs.put(Readable.from(Buffer.from('nobody references this')));
    const fresh = await t.ctx.blobs.put(Readable.from(Buffer.from('an upload on its way to its row')));
    const root = `${t.ctx.config.dataDir}/files`;
    const path = (sha: string) => join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
    // dated by the file system's clock, as the stored files are (the process's clock may be moved)
    const old = new Date((await t.ctx.blobs.now()).getTime() - 2 * COLLECT_GRACE_MS);
    await utimes(path(orphan.sha256), old, old);
    await utimes(path(kept.json().sha256), old, old);
    await mkdir(join(root, 'tmp'), { recursive: true });
    await writeFile(join(root, 'tmp', 'abc123'), 'half an upload');
    await utimes(join(root, 'tmp', 'abc123'), old, old);

    const removed = await collectUnreferencedBlobs(t.ctx.db, t.ctx.blobs);
    expect(removed).toEqual({ blobs: 1, partial: 1 });
    expect(await t.ctx.blobs.has(orphan.sha256)).toBe(false);
    expect(await t.ctx.blobs.has(fresh.sha256)).toBe(true);
    expect(await t.ctx.blobs.has(kept.json().sha256)).toBe(true);
    // storing content again gives it its grace period anew
    await utimes(path(fresh.sha256), old, old);
    await t.ctx.blobs.put(Readable.from(Buffer.from('an upload on its way to its row')));
    expect((await collectUnreferencedBlobs(t.ctx.db, t.ctx.blobs)).blobs).toBe(0);
    expect(await t.ctx.blobs.has(fresh.sha256)).toBe(true);
  });

  it('refuses a file over the size limit with 413 and keeps nothing', async () => {
    const before = await t.ctx.db.selectFrom('attachment').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await upload(admin, 'big.csv', Buffer.alloc(100 * 1024, 'a'));
    expect(res.statusCode).toBe(413);
    const after = await t.ctx.db.selectFrom('attachment').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('needs update access to attach or delete, and hides other workspaces’ files', async () => {
    expect((await upload(member, 'x.csv', Buffer.from('a,b\n'))).statusCode).toBe(403);
    const mine = await upload(admin, 'mine.csv', Buffer.from('a,b\n'));
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${mine.json().id}/content`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/attachments/${mine.json().id}`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/attachments?entity=orgUnit&recordId=${unitId}`, headers: other.headers })).statusCode).toBe(404);
    expect((await upload(other, 'x.csv', Buffer.from('a,b\n'))).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/attachments/${mine.json().id}`, headers: admin.headers })).statusCode).toBe(204);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/attachments?entity=orgUnit&recordId=${unitId}`, headers: admin.headers });
    expect(list.json().data.map((a: { id: string }) => a.id)).not.toContain(mine.json().id);
  });

  it('answers 400 for an unknown entity and a missing file', async () => {
    const body = multipart('a.csv', Buffer.from('a'));
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/attachments?entity=nothing&recordId=${unitId}`,
      payload: body.payload,
      headers: { ...admin.headers, ...body.headers },
    });
    expect(unknown.statusCode).toBe(400);
    const noFile = await t.app.inject({
      method: 'POST',
      url: `/api/v1/attachments?entity=orgUnit&recordId=${unitId}`,
      payload: { x: 1 },
      headers: admin.headers,
    });
    expect(noFile.statusCode).toBe(400);
  });

  it('writes RFC 5987 file names', () => {
    expect(contentDisposition('Звіт "Q1".pdf')).toBe(
      `attachment; filename="_Q1_.pdf"; filename*=UTF-8''%D0%97%D0%B2%D1%96%D1%82%20%22Q1%22.pdf`,
    );
  });
});
