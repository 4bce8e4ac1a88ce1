// The offline check of k8s/: renders the base and every overlay with `kubectl kustomize`,
// validates every object, and enforces the platform's rules for containers, Secrets and
// network policies. Prints one line per rendering; on failure, one line per problem naming
// the rendering, the object and the rule.
//
//   node check.mjs                         base + every folder under overlays/
//   node check.mjs --expect-fail DIR       DIR must be rejected, with at least the rules listed
//                                          in DIR/expected-rules.txt (the check's self-test);
//                                          --verbose lists what was reported
//
// Validation: built-in kinds with the JSON schemas of the npm package kubernetes-models
// (types, required fields, enums) plus an unknown-field walk over its type declarations,
// since its schemas accept fields they do not know (a misspelt `readinesProbe` would pass).
// The operators' kinds (CloudNativePG Cluster, RabbitmqCluster) are not in kubernetes-models:
// they are checked against the small schemas in crd-schemas.mjs (the fields we use, required
// fields, types), not the operators' full CRDs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { crdSchemas, checkAgainst } from './crd-schemas.mjs';
import { unknownFields } from './known-fields.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const k8s = resolve(here, '..');

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const at = args.indexOf('--expect-fail');
const expectFail = at >= 0 ? resolve(process.cwd(), args[at + 1] ?? '') : null;

function render(dir) {
  return execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
}

// Where kubernetes-models keeps a kind: core kinds under v1/, others under <group>/<version>/.
async function modelOf(apiVersion, kind) {
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return null;
  }
}

const platformImage = /^localhost\/platform-(scoring|redemption|dividends|console)(:|@|$)/;
const grpcServices = new Set(['scoring', 'redemption', 'dividends']);

function imageProblem(image) {
  if (typeof image !== 'string' || image === '') return 'has no image';
  if (image.includes('@sha256:')) return null;
  const last = image.slice(image.lastIndexOf('/') + 1);
  if (!last.includes(':')) return `image ${image} has no tag`;
  if (last.endsWith(':latest')) return `image ${image} uses the tag latest`;
  return null;
}

function podSpecOf(doc) {
  switch (doc.kind) {
    case 'Pod': return doc.spec;
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'Job':
      return doc.spec?.template?.spec;
    case 'CronJob': return doc.spec?.jobTemplate?.spec?.template?.spec;
    default: return null;
  }
}

// The container rules: probes, resources, a non-root securityContext, a pinned image.
function containerProblems(doc) {
  const pod = podSpecOf(doc);
  if (!pod) return [];
  const problems = [];
  const podNonRoot = pod.securityContext?.runAsNonRoot === true;
  const all = [
    ...(pod.initContainers ?? []).map(c => [c, true]),
    ...(pod.containers ?? []).map(c => [c, false]),
  ];
  for (const [c, init] of all) {
    const at = `container ${c.name}`;
    const add = (rule, text) => problems.push({ rule, text: `${at}: ${text}` });
    const image = imageProblem(c.image);
    if (image) add('image-tag', image);
    if (!init) {
      if (!c.readinessProbe) add('probes', 'has no readinessProbe');
      if (!c.livenessProbe) add('probes', 'has no livenessProbe');
    }
    const r = c.resources ?? {};
    for (const kind of ['requests', 'limits']) {
      for (const what of ['cpu', 'memory']) {
        if (r[kind]?.[what] === undefined) add('resources', `has no resources.${kind}.${what}`);
      }
    }
    const sc = c.securityContext ?? {};
    if (sc.runAsNonRoot === false || (sc.runAsNonRoot !== true && !podNonRoot)) add('non-root', 'runAsNonRoot is not true (container or pod)');
    if (sc.runAsUser === 0 || (sc.runAsUser === undefined && pod.securityContext?.runAsUser === 0)) add('non-root', 'runs as user 0');
    if (sc.allowPrivilegeEscalation !== false) add('privilege-escalation', 'allowPrivilegeEscalation is not false');
    if (sc.privileged === true) add('privilege-escalation', 'is privileged');
    const ours = platformImage.exec(c.image ?? '');
    if (ours) {
      if (sc.readOnlyRootFilesystem !== true) add('read-only-root', 'a platform image without readOnlyRootFilesystem: true');
      const service = ours[1];
      if (grpcServices.has(service)) {
        for (const probe of ['readinessProbe', 'livenessProbe']) {
          const grpc = c[probe]?.grpc;
          if (!grpc || grpc.service !== service) add('probes', `${probe} is not a gRPC health probe for "${service}"`);
        }
      }
    }
  }
  return problems;
}

// Secrets in the repository are placeholders: no private key ever.
function secretProblems(doc) {
  if (doc.kind !== 'Secret') return [];
  const values = [...Object.values(doc.stringData ?? {}),
    ...Object.values(doc.data ?? {}).map(v => Buffer.from(String(v), 'base64').toString('utf8'))];
  return values.some(v => /PRIVATE KEY-----/.test(String(v)))
    ? [{ rule: 'secret-placeholder', text: 'holds a private key; the repository keeps placeholders only' }]
    : [];
}

const labelsMatch = (selector, labels) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v) && !(selector?.matchExpressions?.length);

// Rendering-wide rules of the network: ingress denied by default, Scoring's port open only to
// Redemption and the console, nothing but the console open to any source.
function networkProblems(docs) {
  const policies = docs.filter(d => d.kind === 'NetworkPolicy');
  const workloads = docs.filter(d => ['Deployment', 'StatefulSet'].includes(d.kind));
  if (workloads.length === 0) return [];
  const problems = [];
  const add = (doc, rule, text) => problems.push({ doc, rule, text });
  const denyAll = policies.some(p => Object.keys(p.spec?.podSelector ?? {}).length === 0
    && (p.spec?.policyTypes ?? []).includes('Ingress') && !(p.spec?.ingress?.length));
  if (!denyAll) add(null, 'network', 'no NetworkPolicy denies ingress to every pod by default');
  for (const w of workloads) {
    const labels = w.spec?.template?.metadata?.labels ?? {};
    const selecting = policies.filter(p => labelsMatch(p.spec?.podSelector, labels) && Object.keys(p.spec?.podSelector ?? {}).length > 0);
    const name = labels['app.kubernetes.io/name'];
    for (const p of selecting) {
      for (const rule of p.spec?.ingress ?? []) {
        const open = !rule.from || rule.from.length === 0 || rule.from.some(f => f.ipBlock);
        if (open && name !== 'console') add(p, 'network', `opens ${w.kind} ${w.metadata.name} to any source; only the console is exposed`);
        if (name === 'scoring') {
          for (const peer of rule.from ?? []) {
            const who = peer.podSelector?.matchLabels?.['app.kubernetes.io/name'];
            if (peer.namespaceSelector || !['redemption', 'console'].includes(who)) {
              add(p, 'network', `lets ${who ?? 'other pods'} reach Scoring; only Redemption and the console may`);
            }
          }
        }
      }
    }
  }
  return problems;
}

function describe(doc) {
  return doc ? `${doc.kind}/${doc.metadata?.name ?? '?'}` : 'rendering';
}

async function checkRendering(dir) {
  const problems = [];
  let text;
  try {
    text = render(dir);
  } catch (e) {
    return { objects: 0, problems: [{ where: 'kustomize', rule: 'render', text: String(e.stderr || e.message).trim().split('\n')[0] }] };
  }
  const docs = yaml.loadAll(text).filter(d => d && typeof d === 'object');
  const names = new Set();
  for (const doc of docs) {
    const where = describe(doc);
    const key = `${doc.apiVersion}/${doc.kind}/${doc.metadata?.namespace ?? ''}/${doc.metadata?.name}`;
    if (names.has(key)) problems.push({ where, rule: 'unique', text: 'appears twice' });
    names.add(key);
    const crd = crdSchemas[`${doc.apiVersion}/${doc.kind}`];
    if (crd) {
      for (const text of checkAgainst(crd, doc)) problems.push({ where, rule: 'schema', text });
      for (const image of [doc.spec?.image, doc.spec?.imageName].filter(Boolean)) {
        const bad = imageProblem(image);
        if (bad) problems.push({ where, rule: 'image-tag', text: bad });
      }
      if (doc.kind === 'RabbitmqCluster' && !(doc.spec?.replicas >= 3 && doc.spec.replicas % 2 === 1)) {
        problems.push({ where, rule: 'quorum', text: 'a RabbitmqCluster for quorum queues needs an odd number of replicas, at least 3' });
      }
    } else {
      const Model = await modelOf(doc.apiVersion, doc.kind);
      if (!Model) {
        problems.push({ where, rule: 'schema', text: `no schema for ${doc.apiVersion} ${doc.kind}` });
        continue;
      }
      try {
        new Model(doc).validate();
      } catch (e) {
        problems.push({ where, rule: 'schema', text: String(e.message).split('\n')[0] });
      }
      for (const path of unknownFields(doc)) problems.push({ where, rule: 'schema', text: `unknown field ${path}` });
    }
    for (const p of [...containerProblems(doc), ...secretProblems(doc)]) problems.push({ where, ...p });
  }
  for (const p of networkProblems(docs)) problems.push({ where: describe(p.doc), rule: p.rule, text: p.text });
  return { objects: docs.length, problems };
}

function renderings() {
  const overlays = join(k8s, 'overlays');
  return [join(k8s, 'base'), ...readdirSync(overlays, { withFileTypes: true })
    .filter(e => e.isDirectory() && existsSync(join(overlays, e.name, 'kustomization.yaml')))
    .map(e => join(overlays, e.name)).sort()];
}

if (expectFail) {
  const { problems } = await checkRendering(expectFail);
  const listed = join(expectFail, 'expected-rules.txt');
  const expected = existsSync(listed)
    ? readFileSync(listed, 'utf8').split('\n').map(l => l.replace(/#.*/, '').trim()).filter(Boolean) : [];
  const found = new Set(problems.map(p => p.rule));
  const missing = expected.filter(r => !found.has(r));
  const name = relative(k8s, expectFail);
  if (problems.length === 0 || missing.length > 0) {
    console.log(`${name}: FAIL the check let a broken fixture through${missing.length ? ` (rules not reported: ${missing.join(', ')})` : ''}`);
    for (const p of problems) console.log(`  reported: ${p.where} [${p.rule}] ${p.text}`);
    process.exit(1);
  }
  console.log(`${name}: rejected as expected (${problems.length} problems; rules ${[...found].sort().join(', ')})`);
  if (verbose) for (const p of problems) console.log(`  reported: ${p.where} [${p.rule}] ${p.text}`);
  process.exit(0);
}

let objects = 0;
let failed = 0;
const dirs = renderings();
for (const dir of dirs) {
  const name = relative(k8s, dir);
  const result = await checkRendering(dir);
  objects += result.objects;
  if (result.problems.length === 0) {
    console.log(`${name}: ${result.objects} objects ok`);
  } else {
    failed++;
    console.log(`${name}: ${result.objects} objects, ${result.problems.length} problems`);
    for (const p of result.problems) console.log(`  ${name}: ${p.where} [${p.rule}] ${p.text}`);
  }
}
console.log(`k8s check  ${dirs.length} renderings (base and ${dirs.length - 1} overlays), ${objects} objects, ${failed ? 'FAILED' : 'ok'}`);
process.exit(failed ? 1 : 0);
