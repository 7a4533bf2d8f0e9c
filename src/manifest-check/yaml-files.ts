import { Document, isScalar, LineCounter, Pair, parseAllDocuments, Scalar, visit } from 'yaml';
import { MERGE_KEY, goReadsNumber, unsafeCharacterReason, unsafeCharacters } from '../core/text-safety';
import { MAX_VALUES_FILE_BYTES, readValuesFile } from '../core/read-file';
import { yamlBoundsProblem, yamlTokensProblem } from '../core/yaml-bounds';
import { KubernetesVersion } from './kubernetes-versions';
import { ManifestProblem } from './problems';
import { validateManifests } from './validate';

/**
 * Validates multi-document YAML files (`openclaw-cdk8s validate FILE...`); each problem names its file.
 * Unparsable YAML, including a duplicated key, throws: it is not a manifest at all. So does text
 * that Go's YAML reader (kubectl, Helm) reads differently from this one (src/core/text-safety.ts):
 * every such place, in every file, is named with its line. Merge keys (`<<`) are refused outright:
 * Go's reader and this one apply them with different precedence, so no reading of them is the
 * one kubectl makes.
 */
export function validateYamlFiles(files: string[], versions?: KubernetesVersion[]): ManifestProblem[] {
  const parsed = files.map((file) => readManifestFile(file));
  const ambiguous = parsed.flatMap(ambiguousText);
  if (ambiguous.length) {
    throw new Error(`${ambiguous.join('\n')}\n${ambiguous.length} place(s) that kubectl and Helm would read differently from what is validated here`);
  }
  return parsed.flatMap(({ file, documents }) =>
    validateManifests(readManifests(file, documents), versions).map((problem) => ({ ...problem, file })),
  );
}

/**
 * One file (`-`: standard input) read and parsed under the bounds of a values file (read-file.ts
 * and yaml-values.ts own them): a regular file of at most 4 MiB, UTF-8, a bounded number of YAML
 * tokens and of values (aliases expanded), a bounded depth. Throws `FILE: why` otherwise, before
 * anything else is done with it.
 */
function readManifestFile(file: string): { file: string; text: string; lines: LineCounter; documents: Document.Parsed[] } {
  // Each file on its own (no total): `validate dist/*.yaml` of a large fleet is a normal use.
  const read = readValuesFile(file, MAX_VALUES_FILE_BYTES, 'manifest file');
  if ('problem' in read) throw new Error(`${file}: ${read.problem}`);
  const tooMany = yamlTokensProblem(read.text, 'manifest file');
  if (tooMany) throw new Error(`${file}: ${tooMany}`);
  const lines = new LineCounter();
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(read.text, { version: '1.1', lineCounter: lines }) as Document.Parsed[];
  } catch (e) {
    if (e instanceof RangeError) throw new Error(`${file}: is nested too deeply to be read`);
    throw e;
  }
  if (!Array.isArray(documents)) documents = [];
  const refused = yamlBoundsProblem(documents, lines, 'manifest file');
  if (refused) throw new Error(`${file}: ${refused}`);
  return { file, text: read.text, lines, documents };
}

/** `file:line: ...` for every raw character and plain scalar Go's YAML reader reads otherwise. */
function ambiguousText({ file, text, lines, documents }: { file: string; text: string; lines: LineCounter; documents: Document[] }): string[] {
  const found = unsafeCharacters(text).map(({ line, ch }) => `${file}:${line}: raw ${unsafeCharacterReason(ch)}`);
  for (const document of documents) {
    visit(document, {
      Pair(_key, pair: Pair) {
        const key = pair.key;
        // The parser makes a merge key's value the symbol `<<` (plain `<<` or `!!merge <<`).
        if (isScalar(key) && (typeof key.value === 'symbol' || key.tag === 'tag:yaml.org,2002:merge') && String(key.value).includes(MERGE_KEY)) {
          const line = key.range ? lines.linePos(key.range[0]).line : 0;
          found.push(`${file}:${line}: a YAML merge key "${MERGE_KEY}", which kubectl, Helm and Argo CD apply with other precedence than this reader: refused; write the fields out`);
        }
      },
      Scalar(_key, node: Scalar) {
        if (isScalar(node) && node.type === 'PLAIN' && typeof node.value === 'string' && goReadsNumber(node.value)) {
          const line = node.range ? lines.linePos(node.range[0]).line : 0;
          found.push(`${file}:${line}: the unquoted ${node.value} is a string here but a number to kubectl, Helm and every Go YAML reader: quote it`);
        }
      },
    });
  }
  return found;
}

/**
 * The objects in one file. YAML 1.1 because that is what the API server's and kubectl's YAML
 * decoder speaks: an unquoted `yes` or `on` is a boolean there, not a string.
 */
function readManifests(file: string, documents: Document[]): object[] {
  return documents.flatMap((document) => {
    const error = document.errors[0];
    if (error) throw new Error(`${file}: ${error.message}`);
    const object = document.toJS();
    return object === null || object === undefined ? [] : [object]; // empty documents between `---`
  });
}
