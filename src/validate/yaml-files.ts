import * as fs from 'fs';
import { Document, parseAllDocuments } from 'yaml';
import { KubernetesVersion } from './kubernetes-versions';
import { ManifestProblem } from './problems';
import { validateManifests } from './validate';

/**
 * Validates multi-document YAML files (`openclaw-cdk8s validate FILE...`); each problem names its file.
 * Unparsable YAML, including a duplicated key, throws: it is not a manifest at all.
 */
export function validateYamlFiles(files: string[], versions?: KubernetesVersion[]): ManifestProblem[] {
  return files.flatMap((file) =>
    validateManifests(readManifests(file), versions).map((problem) => ({ ...problem, file })),
  );
}

/**
 * The objects in one file. YAML 1.1 because that is what the API server's and kubectl's YAML
 * decoder speaks: an unquoted `yes` or `on` is a boolean there, not a string.
 */
function readManifests(file: string): object[] {
  const documents: Document[] = parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1' });
  return documents.flatMap((document) => {
    const error = document.errors[0];
    if (error) throw new Error(`${file}: ${error.message}`);
    const object = document.toJS();
    return object === null || object === undefined ? [] : [object]; // empty documents between `---`
  });
}
