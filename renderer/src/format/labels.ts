
/** The names themselves live in the core, shared with the CLI and the findings' messages. */
export { chargeCategoryLabel, providerName, serviceTierLabel, usageClassLabel, usageClassWords, usageWords } from '../../../shared/domain/labels';

/** Dimension names: the same on screen and in exported files. */
export { LEDGER_DIMENSION_LABELS as DIMENSION_LABELS } from '../../../shared/api/ledger-export';
