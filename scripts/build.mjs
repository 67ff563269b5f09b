#!/usr/bin/env node
// `npm run build`: everything, always (`--if-stale` builds only what changed).
import { buildIfStale, buildNode, buildRenderer } from './build-lib.mjs';

if (process.argv.includes('--if-stale')) {
  await buildIfStale();
} else {
  await buildNode();
  await buildRenderer();
}
