import type { Command } from 'commander';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import type { InvoiceLineKind } from '../../../shared/domain/contracts/types';
import { WorkbenchError } from '../../../shared/domain/errors';
import { checkLineDiscountWords } from '../../../shared/domain/invoice-check/discount-words';
import { FINDING_TEXT, MONTH_NOTE_TEXT } from '../../../shared/domain/invoice-check/findings';
import { serviceTierLabel, usageClassWords } from '../../../shared/domain/labels';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { groupThousands } from '../../../shared/domain/money-text';
import { footedDifference } from '../../../shared/domain/rounding';
import { readContractFile } from '../contract-file';
import { EXIT_FAILURE, amountCell, printJson, printTable } from '../output';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

/** People read cents (the currency's minor unit); --json keeps every digit. */
function cents(amount: string | null, currency: string | null): string {
  return amount === null ? '' : amountCell(amount, currency);
}

/** Billed, contracted and their difference as shown side by side: the difference rounded once, the two allocated to it (shared/domain/rounding.ts). */
function footed(billed: string, contracted: string): [string, string, string] {
  const f = footedDifference(parseMoney(billed), parseMoney(contracted));
  return [nanosToDecimal(f.billed), nanosToDecimal(f.contracted), nanosToDecimal(f.difference)];
}

function printRun(run: InvoiceCheckRun, onlyFindings: boolean): void {
  const s = run.scope;
  const paired = run.stats.pairedLines > 0 ? `, ${run.stats.pairedLines} of them costs paired with their usage report` : '';
  process.stdout.write(
    `Invoice check${s.contractName ? ` under ${s.contractName} (${s.contractId})` : ', every vendor under its contracts'}${s.provider ? `, ${s.provider}` : ''}, ${s.month ?? 'every month'}: ` +
      `${run.stats.ledgerLines} ledger lines in ${run.stats.checkLines} check lines${paired}, price book as of ${run.stats.catalogueAsOf}.\n\n`,
  );
  const lines = onlyFindings ? run.lines.filter((l) => l.findings.length > 0) : run.lines;
  if (lines.length > 0) {
    // The discounts each line got, in the order they applied: a column only when some line has any.
    const discounted = lines.some((l) => l.discounts.length > 0);
    printTable(
      ['day', 'provider', 'model', 'class', 'tier', 'quantity', 'billed', 'contracted', 'variance', 'findings', ...(discounted ? ['discounts applied'] : [])],
      lines.map((l) => [
        l.day,
        l.provider,
        l.model ?? '',
        usageClassWords(l.usageClass),
        serviceTierLabel(l.serviceTier).toLowerCase(),
        l.quantity === null ? 'not reported' : groupThousands(l.quantity),
        cents(l.billed, l.currency),
        cents(l.contracted, l.currency),
        cents(l.variance, l.currency),
        l.findings.map((f) => FINDING_TEXT[f]).join('; '),
        ...(discounted ? [checkLineDiscountWords(l.discounts, l.currency)] : []),
      ]),
      new Set([5, 6, 7, 8]),
    );
    process.stdout.write('\n');
  }
  // A contract amended or renewed names the version that priced each month ("acme-openai v2").
  const versioned = new Set(run.months.filter((m) => (m.contractVersion?.number ?? 1) > 1).map((m) => m.contractId));
  const contractCell = (m: (typeof run.months)[number], none: string) => (m.contractId === null ? none : versioned.has(m.contractId) && m.contractVersion ? `${m.contractId} v${m.contractVersion.number}` : m.contractId);
  printTable(
    ['month', 'provider', 'contract', 'currency', 'billed', 'contracted', 'variance'],
    run.months.map((m) => {
      if (m.contracted === null || m.variance === null) return [m.month, m.provider, contractCell(m, '(no contract)'), m.currency, cents(m.billed, m.currency), m.note ? MONTH_NOTE_TEXT[m.note] : 'not known', ''];
      const [b, c, v] = footed(m.billed, m.contracted);
      return [m.month, m.provider, contractCell(m, '(list prices)'), m.currency, cents(b, m.currency), cents(c, m.currency), cents(v, m.currency)];
    }),
    new Set([4, 5, 6]),
  );
  for (const m of run.months) if (m.invoice) printExpectedInvoice(m);
  for (const t of run.totals) {
    const [b, c, v] = footed(t.billed, t.contracted);
    const unchecked = t.uncheckedMonths > 0 ? `; not checked: ${cents(t.uncheckedBilled, t.currency)} billed in ${t.uncheckedMonths} month${t.uncheckedMonths === 1 ? '' : 's'} no contract could be priced for` : '';
    process.stdout.write(`\nTotal ${t.currency}: billed ${cents(b, t.currency)}, contracted ${cents(c, t.currency)}, variance ${cents(v, t.currency)} (exact: ${t.variance})${unchecked}\n`);
  }
  process.stdout.write(`\n${run.findings.length === 0 ? 'No findings: the bill agrees with the contract.' : `${run.findings.length} finding${run.findings.length === 1 ? '' : 's'}:`}\n`);
  for (const f of run.findings) process.stdout.write(`- ${f.message}${f.overcharge ? ` [overcharge ${cents(f.overcharge, f.currency)}]` : ''}\n`);
  if (run.unpairedUsage.length > 0) {
    process.stdout.write('\nUsage with no cost to check it against (a usage report on days no costs report covers):\n');
    for (const u of run.unpairedUsage) process.stdout.write(`- ${u.month} ${u.provider} ${u.model ?? ''} ${usageClassWords(u.usageClass)}${u.serviceTier === 'standard' ? '' : ` (${serviceTierLabel(u.serviceTier).toLowerCase()})`}: ${groupThousands(u.quantity)} on ${u.days} day${u.days === 1 ? '' : 's'}\n`);
  }
  const verify = run.priceRows.filter((r) => r.verify);
  for (const r of verify) process.stdout.write(`Note: price row ${r.id} rests on a secondary source: ${r.note}\n`);
}

const KIND: Record<InvoiceLineKind, string> = {
  usage: 'usage',
  discount: 'discount',
  volume_discount: 'volume discount',
  provisioned_fee: 'provisioned fee',
  commitment_shortfall: 'shortfall / true-up',
  minimum_fee_topup: 'minimum fee top-up',
  credit_applied: 'credit applied',
  credit_forfeited: 'credit forfeited',
};

/** A month's whole expected invoice, line by line, and the balances it leaves. */
function printExpectedInvoice(m: InvoiceCheckRun['months'][number]): void {
  const inv = m.invoice!;
  const v = m.contractVersion;
  const version = v && v.reason !== null ? `, version ${v.number} from ${v.effectiveFrom} (${v.reason})` : '';
  process.stdout.write(`\nExpected invoice ${m.month}, ${m.provider} under ${m.contractId}${version} (${m.currency}):\n`);
  printTable(
    ['line', 'kind', 'term', 'amount'],
    [
      ...inv.lines.map((l) => [l.label, KIND[l.kind], l.term ?? '', l.memo !== null ? `(${cents(l.memo, m.currency)} forfeited)` : cents(l.amount, m.currency)]),
      ['Total', '', '', cents(inv.total, m.currency)],
    ],
    new Set([3]),
  );
  const after: string[] = inv.credits.map((g) => `credit ${g.grantId} ${cents(g.closing, m.currency)}`);
  const c = inv.commitment;
  if (c) {
    const standing = `commitment ${cents(c.eligible, m.currency)} counted of ${cents(c.committed, m.currency)}${c.periodEnd ? ' (true-up month)' : ''}`;
    after.push(`${standing}${c.carriedForward !== '0.00' ? `, ${cents(c.carriedForward, m.currency)} carried forward` : ''}${c.deferredShortfall !== '0.00' ? `, ${cents(c.deferredShortfall, m.currency)} shortfall deferred` : ''}`);
  }
  if (after.length > 0) process.stdout.write(`Balance after: ${after.join('; ')}\n`);
  if (c) {
    const b = c.balance;
    process.stdout.write(
      `Commitment year ${b.year} (${b.yearStart} to ${b.yearEnd}): ${cents(b.committedForYear, m.currency)} committed; to date ${cents(b.committedToDate, m.currency)} committed, ${cents(b.drawnToDate, m.currency)} drawn, ${cents(b.shortfallBilledToDate, m.currency)} shortfall billed, ${cents(b.remaining, m.currency)} remaining${b.trueUp ? ' (true-up month)' : ''}\n`,
    );
  }
  for (const p of inv.provisioned) {
    const per = p.effectivePerMillion === null ? 'served no tokens' : `${groupThousands(p.tokens)} tokens served, ${cents(p.effectivePerMillion, m.currency)} per 1M`;
    const used = p.utilisationPercent === null ? '' : `, ${p.utilisationPercent}% of its capacity used`;
    process.stdout.write(
      `Provisioned ${p.id}: fee ${cents(p.fee, m.currency)}${used}; ${per}; on demand ${cents(p.onDemandCost, m.currency)}${p.onDemandCheaper ? ' (on demand would have been cheaper)' : ''}\n`,
    );
  }
}

export function registerPrice(program: Command): void {
  program
    .command('price')
    .description(
      "Invoice check: re-price the workspace's usage and show, per line and in total, billed vs contracted, with findings. Without --contract, every vendor under its stored contracts, as the app checks by default; with --contract FILE, that vendor's usage under the file alone.",
    )
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--contract <file>', 'check under this contract only: YAML, or a term-sheet workbook (.xlsx); not stored')
    .option('--month <YYYY-MM>', 'only this month (credits and annual terms still carry from the term start)')
    .option('--only-findings', 'list only the lines with findings', false)
    .option('--fail-on-findings', 'exit 1 when the check finds anything (for scripts)', false)
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; contract?: string; month?: string; onlyFindings: boolean; failOnFindings: boolean; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        if (opts.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) throw new WorkbenchError('bad_input', `--month must look like 2026-10, not "${opts.month}"`, { field: '--month' });
        const session = track(await openSession(opts.workspace));
        const contract = opts.contract === undefined ? null : await readContractFile(opts.contract, session.client);
        const month = opts.month ? { month: opts.month } : {};
        // Without a file: the app's default check (every vendor under its stored contracts), stored as the app stores it.
        const run = await runJob(session.client, 'contracts.invoiceCheck', contract ? { contract, ...month } : month, 'invoice check');
        if (opts.json) printJson({ ok: true, workspace: session.workspacePath, contractFile: contract?.fileName ?? null, ...run });
        else printRun(run, opts.onlyFindings);
        return opts.failOnFindings && run.findings.length > 0 ? EXIT_FAILURE : undefined;
      });
    });
}
