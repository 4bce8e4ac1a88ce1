// Unknown fields: kubernetes-models' JSON schemas accept properties they do not declare, so a
// misspelt field (`readinesProbe`, `sessionAfinity`) would pass them. Its TypeScript
// declarations list every field of every type; this walks an object along them and names each
// field no declaration knows. Maps (labels, data, resources.limits) are not walked.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const modules = join(dirname(fileURLToPath(import.meta.url)), 'node_modules');
const roots = [join(modules, 'kubernetes-models'), join(modules, '@kubernetes-models', 'apimachinery')];

// long type name (IIoK8sApiCoreV1Probe) → Map(field → { type, array })
const types = new Map();
// "<apiVersion>/<Kind>" → fields of the kind's own interface
const kinds = new Map();

function parse(file, kindKey) {
  const text = readFileSync(file, 'utf8');
  const interfaces = new Map();
  for (const m of text.matchAll(/^export interface (\w+)(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}/gm)) {
    const fields = new Map();
    for (const line of m[2].split('\n')) {
      const f = /^ {4}"([^"]+)"\??: (.*)$/.exec(line);
      if (!f) continue;
      const type = f[2].replace(/;$/, '');
      const ref = /^(Array<)?(I\w+)(\["\w+"\])?>?$/.exec(type);
      fields.set(f[1], ref && !ref[3] ? { type: ref[2], array: Boolean(ref[1]) } : { type: null, array: false });
    }
    interfaces.set(m[1], fields);
  }
  for (const m of text.matchAll(/export type \{([^}]*)\}/g)) {
    for (const pair of m[1].split(',')) {
      const a = /(\w+) as (\w+)/.exec(pair.trim());
      if (a && interfaces.has(a[1])) types.set(a[2], interfaces.get(a[1]));
    }
  }
  if (kindKey) {
    const kind = kindKey.slice(kindKey.lastIndexOf('/') + 1);
    if (interfaces.has(`I${kind}`)) kinds.set(kindKey, interfaces.get(`I${kind}`));
  }
}

function scan(root, dir, prefix) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '_schemas' || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) scan(root, path, prefix ? `${prefix}/${e.name}` : e.name);
    else if (e.name.endsWith('.d.ts') && e.name !== 'index.d.ts') {
      const kind = e.name.slice(0, -5);
      parse(path, root === roots[0] && /^[A-Z]/.test(kind) && prefix ? `${prefix}/${kind}` : null);
    }
  }
}

let loaded = false;
function load() {
  if (loaded) return;
  for (const root of roots) scan(root, root, '');
  loaded = true;
}

function walk(value, fields, path, found) {
  if (!fields || value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const field = fields.get(key);
    if (!field) {
      found.push(`${path}.${key}`);
      continue;
    }
    if (!field.type) continue;
    const inner = types.get(field.type);
    if (field.array && Array.isArray(v)) v.forEach((item, i) => walk(item, inner, `${path}.${key}[${i}]`, found));
    else walk(v, inner, `${path}.${key}`, found);
  }
}

/** The paths of the fields of a built-in object that its kind does not declare. */
export function unknownFields(doc) {
  load();
  const fields = kinds.get(`${doc.apiVersion}/${doc.kind}`);
  const found = [];
  walk(doc, fields, '', found);
  return found.map(p => p.slice(1));
}
