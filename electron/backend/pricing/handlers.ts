import type { MethodName } from '../../../shared/api';
import { lookupPrice } from '../../../shared/domain/pricebook/lookup';
import { priceLookupToWire } from '../../../shared/domain/pricebook/wire';
import { mutation, type AreaHandlers, type JobHandlerMap } from '../area';
import { priceBookFor } from './price-book-service';
import { queryPriceRows } from './price-rows-query';
import {
  cloneModelRows,
  cloneOneRow,
  deleteUserRow,
  exportPriceBookCsv,
  importPriceBookCsv,
  listCostFill,
  listCostStatusOf,
  overrideRow,
  priceBookInfo,
  saveUserRow,
} from './pricing-service';
import { unknownModels } from './unknown-models';

type PricingMethod = Extract<MethodName, `pricing.${string}`>;

export const pricingHandlers: AreaHandlers<PricingMethod> = {
  'pricing.info': (_input, backend) => priceBookInfo(backend.workspace()),
  'pricing.rows': (input, backend) => queryPriceRows(priceBookFor(backend.workspace()), input),
  'pricing.lookup': (input, backend) => priceLookupToWire(lookupPrice(priceBookFor(backend.workspace()), input)),
  'pricing.override': mutation((input, backend) => overrideRow(backend, input)),
  'pricing.cloneModel': mutation((input, backend) => cloneModelRows(backend, input)),
  'pricing.cloneRow': mutation((input, backend) => cloneOneRow(backend, input)),
  'pricing.saveUserRow': mutation((input, backend) => saveUserRow(backend, input)),
  'pricing.deleteUserRow': mutation(({ id }, backend) => deleteUserRow(backend, id)),
  'pricing.exportCsv': (input, backend) => exportPriceBookCsv(backend.workspace(), input),
  'pricing.unknownModels': (_input, backend) => {
    const workspace = backend.workspace();
    return { models: unknownModels(workspace.db, priceBookFor(workspace)) };
  },
  'pricing.listCostStatus': (_input, backend) => listCostStatusOf(backend.workspace()),
};

export const pricingJobs: JobHandlerMap<'pricing.fillListCosts' | 'pricing.importCsv'> = {
  'pricing.fillListCosts': async (_input, backend, job) => listCostFill(backend, job),
  'pricing.importCsv': (input, backend, job) => importPriceBookCsv(backend, input, job),
};
