import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import type { Actor } from './actor';

/** A session's longest life (AuthService.MAX_SESSION_SECONDS, kept here to avoid a cycle). */
const MAX_SESSION_MS = 12 * 3600 * 1000;

export interface CachedActor {
  actor: Omit<Actor, 'authTime' | 'sessionPurpose' | 'enrolOnly' | 'sessionId'>;
  tokenVersion: number;
  disabled: boolean;
}

interface Entry {
  actor: Omit<Actor, 'authTime' | 'sessionPurpose' | 'enrolOnly' | 'sessionId'>;
  tokenVersion: number;
  disabled: boolean;
  expires: number;
}

/** Even with notifications working, an entry is re-read from the database this often. */
const TTL_MS = 30_000;
const CHANNEL = 'haven_actor_changed';
/** Carries the id of each session that was signed out (session_revocations' insert trigger). */
const SESSION_CHANNEL = 'haven_session_ended';

/**
 * Who a token speaks for, kept in memory so an audited read costs one database round trip, not
 * two. Correctness does not rest on the TTL: every change that could alter an answer (disable,
 * role, unit, token version) makes PostgreSQL notify every instance, which drops the entry; the
 * instance that made the change drops it at once. If the notification connection is lost, the
 * cache is emptied and bypassed until it is back, so nothing stale is served meanwhile.
 *
 * The same connection keeps the set of signed-out sessions that have not yet run out: loaded
 * when the channel comes up, then added to by each notification (and at once by the instance
 * that signs a session out). A request's check is one Map lookup; while the channel is down,
 * sessionEnded() answers null and the caller asks the database instead.
 */
@Injectable()
export class ActorCacheService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ActorCacheService.name);
  private readonly entries = new Map<string, Entry>();
  /** Signed-out session id → when it would have ended anyway (ms); forgotten after that. */
  private readonly ended = new Map<string, number>();
  private listener: Client | null = null;
  private listening = false;
  private closing = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    await this.listen().catch((e: Error) => this.lost(e));
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    await this.listener?.end().catch(() => undefined);
  }

  get(userId: string): CachedActor | null {
    if (!this.listening) return null;
    const e = this.entries.get(userId);
    if (!e || e.expires < Date.now()) return null;
    return e;
  }

  set(userId: string, entry: CachedActor): void {
    if (!this.listening) return;
    this.entries.set(userId, { ...entry, expires: Date.now() + TTL_MS });
  }

  evict(userId: string): void {
    this.entries.delete(userId);
  }

  /**
   * Whether the session was signed out: true or false while the channel is up, null (unknown:
   * ask the database) while it is down.
   */
  sessionEnded(sessionId: string): boolean | null {
    if (!this.listening) return null;
    return this.ended.has(sessionId);
  }

  /** Marks a session ended here at once (its notification reaches the other instances). */
  endSession(sessionId: string, expiresAtMs: number): void {
    this.forgetExpired();
    this.ended.set(sessionId, expiresAtMs);
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [sid, until] of this.ended) if (until < now) this.ended.delete(sid);
  }

  /** Whether entries are being kept (the notification channel is up). */
  get active(): boolean {
    return this.listening;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'haven-actor-cache', keepAlive: true });
    client.on('notification', (n) => {
      if (n.channel === SESSION_CHANNEL) {
        // The row's own expiry is not in the payload; at most twelve hours from now is safe.
        if (n.payload) this.endSession(n.payload, Date.now() + MAX_SESSION_MS);
        return;
      }
      if (n.channel !== CHANNEL) return;
      if (!n.payload || n.payload === '*') this.entries.clear();
      else this.entries.delete(n.payload);
    });
    client.on('error', (e) => this.lost(e));
    client.on('end', () => this.lost(new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    await client.query(`LISTEN ${SESSION_CHANNEL}`);
    // Listening first, then loading: a sign-out committed in between is in one or the other.
    const { rows } = await client.query<{ session_id: string; until_ms: string }>(
      `SELECT session_id, (extract(epoch FROM expires_at) * 1000)::bigint AS until_ms FROM session_revocations WHERE expires_at > now()`,
    );
    this.listener = client;
    // Anything cached before the channel was up may have missed a change.
    this.entries.clear();
    for (const r of rows) this.ended.set(r.session_id, Number(r.until_ms));
    this.listening = true;
  }

  private lost(e: Error): void {
    if (this.closing) return;
    if (this.listening) this.logger.warn(`actor cache off until change notifications are back: ${e.message}`);
    this.listening = false;
    this.entries.clear();
    const old = this.listener;
    this.listener = null;
    void old?.end().catch(() => undefined);
    if (!this.retry) {
      this.retry = setTimeout(() => {
        this.retry = null;
        void this.listen().catch((err: Error) => this.lost(err));
      }, 2000);
      this.retry.unref();
    }
  }
}
