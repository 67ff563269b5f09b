/**
 * Writes scenarios/allocation.schema.json from the zod schema of the
 * allocation policy file, for completion in editors (a policy file may start
 * with `# yaml-language-server: $schema=./allocation.schema.json`).
 *
 * Run: npx tsx scripts/export-allocation-schema.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { allocationPolicyJsonSchema } from '../shared/domain/allocation/policy-file';

const target = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'scenarios', 'allocation.schema.json');
writeFileSync(target, `${JSON.stringify(allocationPolicyJsonSchema(), null, 2)}\n`);
process.stderr.write(`wrote ${target}\n`);
