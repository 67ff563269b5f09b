import type { MethodName } from '../../../shared/api';
import { WorkbenchError } from '../../../shared/domain/errors';
import { mappedColumns } from '../../../shared/formats/generic/mapping';
import { FORMATS } from '../../../shared/formats/registry';
import { detectFile, previewFile, runImportJob } from '../imports/import-service';
import { listMappings, mappingsDir, readSavedMapping, saveMapping } from '../imports/mapping-files';
import { ImportRepository } from '../imports/import-repository';
import type { HandlerMap, JobHandlerMap } from './types';

type ImportMethod = Extract<MethodName, `imports.${string}`>;

function repository(backend: Parameters<HandlerMap<'imports.list'>['imports.list']>[1]): ImportRepository {
  return new ImportRepository(backend.workspace().db);
}

export const importHandlers: HandlerMap<ImportMethod> = {
  'imports.list': (_input, backend) => ({ imports: repository(backend).list() }),
  'imports.get': ({ importId }, backend) => {
    const found = repository(backend).get(importId);
    if (!found) throw new WorkbenchError('not_found', `there is no import #${importId}`, { field: 'importId' });
    return found;
  },
  'imports.rejections': ({ importId, offset, limit }, backend) => {
    const repo = repository(backend);
    const found = repo.get(importId);
    if (!found) throw new WorkbenchError('not_found', `there is no import #${importId}`, { field: 'importId' });
    return { total: found.rowsRejected, ...repo.rejections(importId, offset, limit) };
  },
  'imports.remove': ({ importId }, backend) => {
    const workspace = backend.workspace();
    const repo = new ImportRepository(workspace.db);
    const found = repo.get(importId);
    if (!found) throw new WorkbenchError('not_found', `there is no import #${importId}`, { field: 'importId' });
    const removedLines = workspace.db.transaction(() => {
      const lines = repo.remove([importId]);
      workspace.audit('import.removed', { importId, file: found.fileName, sha256: found.sha256, lines });
      return lines;
    })();
    workspace.changed();
    backend.emit({ type: 'workspace', info: workspace.info() });
    return { removedLines };
  },
  'imports.formats': () => ({ formats: FORMATS.map((f) => ({ id: f.id, label: f.label, kinds: [...f.kinds], costBasis: f.costBasis })) }),
  'imports.detect': (input, backend) => detectFile(backend, input),
  'imports.preview': (input, backend) => previewFile(backend, input),
  'imports.mappings.list': (_input, backend) => {
    const path = backend.workspace().path;
    return { dir: mappingsDir(path), mappings: listMappings(path).map(({ name, file, columns, mappingName }) => ({ name, file, columns, mappingName })) };
  },
  'imports.mappings.get': ({ name }, backend) => {
    const { file, mapping, yaml } = readSavedMapping(backend.workspace().path, name);
    return { name, file, mapping, yaml };
  },
  'imports.mappings.save': ({ name, mapping, overwrite }, backend) => {
    // Checked before saving: a mapping must read at least one column of a file (constants alone map nothing).
    if (mappedColumns(mapping).length === 0) throw new WorkbenchError('bad_input', 'the mapping reads no column of the file', { field: 'mapping' });
    return { name, file: saveMapping(backend.workspace().path, name, mapping, overwrite) };
  },
};

export const importJobHandlers: JobHandlerMap<'imports.run'> = {
  'imports.run': (input, backend, job) => runImportJob(backend, input, job),
};
