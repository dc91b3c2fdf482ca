import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, randomUUID, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A local Web Push service for tests, speaking the real protocol over HTTPS (self-signed; use
 * `agent` to trust it): it checks the VAPID JWT (RFC 8292: ES256, `aud` is this origin, `exp`
 * within 24 h, `sub` set, `k` is the subscription's applicationServerKey) and decrypts the
 * RFC 8291 aes128gcm payload with the subscription's private key. Answers 201, or the status a
 * test set for that subscription (404/410 for "gone").
 */
export interface FakeSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  subscription: string;
  payload: unknown;
  ttl: number;
  urgency: string | null;
  claims: { aud: string; exp: number; sub: string };
}

interface Client {
  id: string;
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
  serverKey: string;
  status: number;
}

const b64u = (b: Buffer) => b.toString('base64url');

export class FakePushService {
  readonly received: ReceivedPush[] = [];
  /** Requests refused, with the reason (bad JWT, wrong key, undecryptable body). */
  readonly refused: string[] = [];
  private readonly clients = new Map<string, Client>();
  private server!: Server;
  private dir!: string;
  url = '';
  agent!: Agent;

  async start(): Promise<this> {
    this.dir = mkdtempSync(join(tmpdir(), 'fake-push-'));
    const key = join(this.dir, 'key.pem');
    const cert = join(this.dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const tls = { key: readFileSync(key), cert: readFileSync(cert) };
    this.agent = new Agent({ ca: tls.cert, keepAlive: false });
    this.server = createServer(tls, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { status, reason } = this.handle(req.url ?? '', req.headers, Buffer.concat(chunks));
        if (reason) this.refused.push(reason);
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.agent?.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** What a browser's pushManager.subscribe() would return, for this server key. */
  subscribe(applicationServerKey: string): FakeSubscription {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const c: Client = { id: randomUUID(), ecdh, auth: randomBytes(16), serverKey: applicationServerKey, status: 201 };
    this.clients.set(c.id, c);
    return { endpoint: `${this.url}/push/${c.id}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(c.auth) } };
  }

  /** From now on this subscription answers `status` (410: unsubscribed, 404: unknown). */
  setStatus(endpoint: string, status: number): void {
    const c = this.clients.get(endpoint.split('/').pop()!);
    if (c) c.status = status;
  }

  private handle(path: string, headers: Record<string, string | string[] | undefined>, body: Buffer): { status: number; reason?: string } {
    const c = this.clients.get(path.replace(/^\/push\//, ''));
    if (!c) return { status: 404, reason: 'unknown subscription' };
    const claims = this.checkVapid(String(headers.authorization ?? ''), c);
    if (typeof claims === 'string') return { status: 403, reason: claims };
    if (headers['content-encoding'] !== 'aes128gcm') return { status: 415, reason: 'not aes128gcm' };
    const ttl = Number(headers.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) return { status: 400, reason: 'missing TTL' };
    if (c.status !== 201) return { status: c.status };
    let plain: Buffer;
    try {
      plain = this.decrypt(body, c);
    } catch (err) {
      return { status: 400, reason: `decrypt: ${(err as Error).message}` };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(plain.toString('utf8'));
    } catch {
      payload = plain.toString('utf8');
    }
    this.received.push({ subscription: c.id, payload, ttl, urgency: (headers.urgency as string | undefined) ?? null, claims });
    return { status: 201 };
  }

  /** RFC 8292: `vapid t=<JWT>, k=<public key>`, ES256 over the P-256 key k. */
  private checkVapid(auth: string, c: Client): ReceivedPush['claims'] | string {
    const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(auth);
    if (!m) return 'no vapid authorization';
    const [, jwt, k] = m as unknown as [string, string, string];
    if (k !== c.serverKey) return 'k is not the applicationServerKey of the subscription';
    const [h, p, s] = jwt.split('.');
    if (!h || !p || !s) return 'malformed JWT';
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
    if (header.alg !== 'ES256') return 'JWT alg is not ES256';
    const point = Buffer.from(k, 'base64url');
    if (point.length !== 65 || point[0] !== 4) return 'k is not an uncompressed P-256 point';
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) }, format: 'jwk' });
    const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
    if (!ok) return 'JWT signature does not verify';
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as ReceivedPush['claims'];
    if (claims.aud !== this.url) return `JWT aud ${claims.aud} is not ${this.url}`;
    const now = Math.floor(Date.now() / 1000);
    if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) return 'JWT exp not within 24 h';
    if (!claims.sub || !/^(mailto:|https:)/.test(claims.sub)) return 'JWT sub is not a mailto: or https: URL';
    return claims;
  }

  /** RFC 8291 with RFC 8188 aes128gcm framing: salt, record size, sender key, one record. */
  private decrypt(body: Buffer, c: Client): Buffer {
    const salt = body.subarray(0, 16);
    const rs = body.readUInt32BE(16);
    const idlen = body[20]!;
    const senderKey = body.subarray(21, 21 + idlen);
    const record = body.subarray(21 + idlen);
    if (idlen !== 65) throw new Error('keyid is not a P-256 public key');
    if (record.length > rs) throw new Error('more than one record');
    const secret = c.ecdh.computeSecret(senderKey);
    const info = Buffer.concat([Buffer.from('WebPush: info\0'), c.ecdh.getPublicKey(), senderKey]);
    const ikm = Buffer.from(hkdfSync('sha256', secret, c.auth, info, 32));
    const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
    const d = createDecipheriv('aes-128-gcm', cek, nonce);
    d.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([d.update(record.subarray(0, record.length - 16)), d.final()]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error('no last-record delimiter');
    return padded.subarray(0, end);
  }
}
