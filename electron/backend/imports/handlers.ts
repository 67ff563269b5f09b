import type { MethodName } from '../../../shared/api';
import { FORMATS } from '../../../shared/formats/registry';
import { mutation, type AreaHandlers, type JobHandlerMap } from '../area';
import { importRejections, removeImport, storedImport } from './import-records';
import { ImportRepository } from './import-repository';
import { detectFile, previewFile, runImportJob } from './import-service';
import { readSavedMapping, saveMapping, savedMappings } from './mapping-files';

type ImportMethod = Extract<MethodName, `imports.${string}`>;

export const importHandlers: AreaHandlers<ImportMethod> = {
  'imports.list': (_input, backend) => ({ imports: new ImportRepository(backend.workspace().db).list() }),
  'imports.get': ({ importId }, backend) => storedImport(backend.workspace(), importId),
  'imports.rejections': (input, backend) => importRejections(backend.workspace(), input),
  'imports.remove': mutation(({ importId }, backend) => removeImport(backend, importId)),
  'imports.formats': () => ({ formats: FORMATS.map((f) => ({ id: f.id, label: f.label, kinds: [...f.kinds], costBasis: f.costBasis })) }),
  'imports.detect': (input, backend) => detectFile(backend, input),
  'imports.preview': (input, backend) => previewFile(backend, input),
  'imports.mappings.list': (_input, backend) => savedMappings(backend.workspace().path),
  'imports.mappings.get': ({ name }, backend) => ({ name, ...readSavedMapping(backend.workspace().path, name) }),
  'imports.mappings.save': ({ name, mapping, overwrite }, backend) => ({ name, file: saveMapping(backend.workspace().path, name, mapping, overwrite) }),
};

export const importJobs: JobHandlerMap<'imports.run'> = {
  'imports.run': (input, backend, job) => runImportJob(backend, input, job),
};
