import { ImportRepository } from '../imports/import-repository';
import type { HandlerMap } from './types';

export const importHandlers: HandlerMap<'imports.list'> = {
  'imports.list': (_input, backend) => ({ imports: new ImportRepository(backend.workspace().db).list() }),
};
