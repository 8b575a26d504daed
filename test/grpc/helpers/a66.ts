import * as grpc from '@grpc/grpc-js';
import { gzipSync } from 'node:zlib';
import { A66ClientViews, A66ServerViews, Stats, type AggregationData, type View } from '../../../src';

/** A fresh Stats with the nine A66 views (and `extra` views) registered. */
export function statsWithA66(...extra: View[]): Stats {
  const stats = new Stats();
  stats.registerView(...A66ClientViews, ...A66ServerViews, ...extra);
  return stats;
}

/** A row: its tags, count, and for distributions the sum and bucket counts. */
export interface A66Row {
  tags: Record<string, string>;
  count: number;
  sum?: number;
  buckets?: number[];
}

/** The rows of the view named `name`, sorted by tags. */
export function a66Rows(stats: Stats, name: string): A66Row[] {
  return stats
    .retrieveData(name)
    .map((r) => ({ tags: r.tags, ...summary(r.data) }))
    .sort((a, b) => JSON.stringify(a.tags).localeCompare(JSON.stringify(b.tags)));
}

function summary(data: AggregationData): Omit<A66Row, 'tags'> {
  if (data.type === 'distribution') return { count: data.count, sum: data.sum, buckets: data.bucketCounts };
  return { count: data.value };
}

/** Rows reduced to tags → count (for counters) or [count, sum] (distributions). */
export function table(stats: Stats, name: string): Record<string, number | [number, number]> {
  const out: Record<string, number | [number, number]> = {};
  for (const r of a66Rows(stats, name)) {
    const key = Object.entries(r.tags).map(([k, v]) => `${k}=${v}`).join(',');
    out[key] = r.sum === undefined ? r.count : [r.count, r.sum];
  }
  return out;
}

/** The serialized census.test.Msg `{ text }` (field 1, string). */
export function encodeMsg(text: string): Buffer {
  const body = Buffer.from(text, 'latin1');
  const len: number[] = [];
  let n = body.length;
  do {
    len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return Buffer.concat([Buffer.from([0x0a, ...len]), body]);
}

/** What grpc-js puts on the wire for `message` under gzip: Node's zlib gzip with default options. */
export function gzipSize(message: Buffer): number {
  return gzipSync(message).length;
}

/** grpc-js's channel option value for gzip. */
export const GZIP: grpc.ChannelOptions = { 'grpc.default_compression_algorithm': 2 };
