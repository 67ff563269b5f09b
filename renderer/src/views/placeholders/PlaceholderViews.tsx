import { EmptyState } from '../../components/EmptyState';

function Placeholder({ id, title, subtitle, heading, body, items }: { id: string; title: string; subtitle: string; heading: string; body: string; items: string[] }) {
  return (
    <section className={`view view-${id}`} aria-labelledby={`${id}-title`}>
      <header className="view-header">
        <h1 id={`${id}-title`} tabIndex={-1}>
          {title}
        </h1>
        <p className="view-subtitle">{subtitle}</p>
      </header>
      <EmptyState title={heading} icon={id} items={items}>
        {body}
      </EmptyState>
    </section>
  );
}

export function ExportView() {
  return (
    <Placeholder
      id="export"
      title="Export"
      subtitle="The board workbook."
      heading="The board workbook export will appear here"
      body="This view will export the board workbook (.xlsx): styled and print-ready, with formulas that recalculate to the same numbers the app shows and every figure traceable to its inputs."
      items={[
        'Executive summary with KPIs, scenario comparison and charts',
        'Named assumptions, monthly projections, unit economics and contract utilisation',
        'Invoice check and data provenance: files, hashes, row counts and import times',
      ]}
    />
  );
}
