/**
 * The data a lever's compile step hands its workload step (addStep), typed by
 * lever type, for code outside the evaluator that reads a compiled plan (the
 * board workbook's formulas, which prices a plan can use).
 */
import type { WorkloadLever } from '../plan';
import type { LEVERS, LeverType } from './index';
import type { LeverModule, LeverSchema } from './lever';

/** The step data of lever type K (never for levers without a workload step). */
export type StepData<K extends LeverType> = (typeof LEVERS)[K] extends LeverModule<LeverSchema, infer D> ? D : never;

/** A workload's compiled lever of type K with its data typed, or null when it is of another type. */
export function stepOf<K extends LeverType>(lever: WorkloadLever, type: K): (WorkloadLever & { data: StepData<K> }) | null {
  return lever.type === type ? (lever as WorkloadLever & { data: StepData<K> }) : null;
}
