import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import type { Actor } from './actor';

export interface CachedActor {
  actor: Omit<Actor, 'authTime' | 'sessionPurpose' | 'enrolOnly'>;
  tokenVersion: number;
  disabled: boolean;
}

interface Entry {
  actor: Omit<Actor, 'authTime' | 'sessionPurpose' | 'enrolOnly'>;
  tokenVersion: number;
  disabled: boolean;
  expires: number;
}

/** Even with notifications working, an entry is re-read from the database this often. */
const TTL_MS = 30_000;
const CHANNEL = 'haven_actor_changed';

/**
 * Who a token speaks for, kept in memory so an audited read costs one database round trip, not
 * two. Correctness does not rest on the TTL: every change that could alter an answer (disable,
 * role, unit, token version) makes PostgreSQL notify every instance, which drops the entry; the
 * instance that made the change drops it at once. If the notification connection is lost, the
 * cache is emptied and bypassed until it is back, so nothing stale is served meanwhile.
 */
@Injectable()
export class ActorCacheService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ActorCacheService.name);
  private readonly entries = new Map<string, Entry>();
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

  /** Whether entries are being kept (the notification channel is up). */
  get active(): boolean {
    return this.listening;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'haven-actor-cache', keepAlive: true });
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL) return;
      if (!n.payload || n.payload === '*') this.entries.clear();
      else this.entries.delete(n.payload);
    });
    client.on('error', (e) => this.lost(e));
    client.on('end', () => this.lost(new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
    // Anything cached before the channel was up may have missed a change.
    this.entries.clear();
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
