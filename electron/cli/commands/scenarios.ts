import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { WorkbenchError } from '../../../shared/domain/errors';
import { checkScenarioYaml } from '../../../shared/engine/scenario-file';
import { printJson, printTable } from '../output';
import { runCommand } from '../run-command';
import { openSession } from '../session';

/** Files that others extend go first, so each file finds its base already stored. */
function inSaveOrder(files: { id: string; yaml: string }[]): { id: string; yaml: string }[] {
  const ids = new Set(files.map((f) => f.id));
  const ordered: { id: string; yaml: string }[] = [];
  const pending = [...files];
  while (pending.length > 0) {
    const i = pending.findIndex((f) => {
      const ext = checkScenarioYaml(f.yaml).file?.extends;
      return ext === undefined || !ids.has(ext) || ordered.some((o) => o.id === ext);
    });
    ordered.push(...pending.splice(i < 0 ? 0 : i, 1));
  }
  return ordered;
}

export function registerScenarios(program: Command): void {
  const scenarios = program.command('scenarios').description('Scenario files stored in a workspace.');

  scenarios
    .command('list')
    .description('The workspace’s scenario files and the scenarios in each.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const { files } = await session.client.call('scenarios.list', {});
        if (opts.json) return printJson({ files });
        printTable(
          ['id', 'name', 'extends', 'scenarios', 'updated'],
          files.map((f) => [f.id, f.name, f.extends ?? '', f.scenarios.map((s) => s.id).join(', '), f.updatedAt.slice(0, 16).replace('T', ' ')]),
        );
      });
    });

  scenarios
    .command('add')
    .description('Store scenario files in the workspace (validated; a file with the same name is replaced).')
    .argument('<files...>', 'scenario YAML files; the files they extend must be stored already or given too')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (files: string[], opts: { workspace: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const texts = files.map((f) => {
          try {
            return { id: path.basename(f), yaml: readFileSync(f, 'utf8'), file: f };
          } catch {
            throw new WorkbenchError('not_found', 'no such file', { file: f });
          }
        });
        const session = track(await openSession(opts.workspace));
        const saved: string[] = [];
        for (const f of inSaveOrder(texts)) {
          const result = await session.client.call('scenarios.save', { id: f.id, yaml: f.yaml });
          if (!result.saved) {
            const first = result.issues[0]!;
            throw new WorkbenchError('invalid_file', first.message, { file: f.id, ...(first.line !== null ? { row: first.line } : {}), ...(first.path ? { field: first.path } : {}), details: result.issues });
          }
          saved.push(f.id);
        }
        if (opts.json) return printJson({ ok: true, saved });
        process.stdout.write(`Stored ${saved.join(', ')} in ${path.basename(opts.workspace)}.\n`);
      });
    });
}

export function registerDrivers(program: Command): void {
  const drivers = program.command('drivers').description('Business drivers of a workspace: units and non-AI costs per month.');

  drivers
    .command('import')
    .description('Import a driver from CSV or XLSX: a header row, then month, units (e.g. loans), and non-AI cost columns ("manual processing per loan", "office per month").')
    .argument('<file>', 'the CSV or XLSX table')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--driver <id>', 'the driver’s id (default: from the units column’s header)')
    .option('--unit <name>', 'the unit in the singular, e.g. loan')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (file: string, opts: { workspace: string; driver?: string; unit?: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const result = await session.client.call('drivers.import', { path: path.resolve(file), ...(opts.driver ? { driver: opts.driver } : {}), ...(opts.unit ? { unit: opts.unit } : {}) });
        if (opts.json) return printJson({ ok: true, ...result });
        const d = result.driver;
        process.stdout.write(
          `${result.replaced ? 'Replaced' : 'Added'} driver ${d.id} (${d.unit}s): ${result.months} months, ${d.months[0]?.month} to ${d.months.at(-1)?.month}; costs: ${d.costs.map((c) => `${c.name} (${c.basis === 'perUnit' ? `per ${d.unit}` : 'per month'})`).join(', ') || 'none'}.\n`,
        );
      });
    });

  drivers
    .command('list')
    .description('Business drivers month by month.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const { drivers: list } = await session.client.call('drivers.list', {});
        if (opts.json) return printJson({ drivers: list });
        for (const d of list) {
          process.stdout.write(`\n${d.id}${d.name && d.name !== d.id ? ` — ${d.name}` : ''} (${d.unit}s)\n`);
          printTable(
            ['month', `${d.unit}s`, ...d.costs.map((c) => (c.basis === 'perUnit' ? `${c.name} per ${d.unit}` : `${c.name} per month`))],
            d.months.map((m) => [m.month, m.units, ...d.costs.map((c) => m.costs[c.name] ?? '')]),
            new Set(Array.from({ length: d.costs.length + 1 }, (_, i) => i + 1)),
          );
        }
      });
    });
}
