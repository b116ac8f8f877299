// Opening the events' NATS connection and putting their stream in place (jetstream.ts).
import {
  DiscardPolicy,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import { NATS_TIMEOUT_MS } from './jetstream-workers.ts';

export interface Nats {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** A connection that reconnects by itself forever once opened. */
export async function openNats(natsUrl: string): Promise<Nats> {
  const nc = await connect({
    servers: natsUrl,
    name: 'corkboard-events',
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    timeout: NATS_TIMEOUT_MS,
  });
  return {
    nc,
    js: jetstream(nc, { timeout: NATS_TIMEOUT_MS }),
    jsm: await jetstreamManager(nc, { timeout: NATS_TIMEOUT_MS }),
  };
}

export interface StreamSettings {
  name: string;
  /** The subjects it captures, `<prefix>.>`. */
  subjects: string;
  maxAgeMs: number;
  maxBytes: number;
  duplicateWindowMs: number;
}

/** Creates the stream, or brings an existing one's limits up to date. */
export async function putStream(jsm: JetStreamManager, settings: StreamSettings): Promise<void> {
  const config = {
    name: settings.name,
    subjects: [settings.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(settings.maxAgeMs),
    max_bytes: settings.maxBytes,
    duplicate_window: nanos(settings.duplicateWindowMs),
  };
  try {
    await jsm.streams.info(settings.name);
    await jsm.streams.update(settings.name, config);
  } catch (error) {
    if (!/stream not found/i.test(String((error as Error).message))) throw error;
    await jsm.streams.add(config);
  }
}
