// Small schemas of the operators' kinds the production overlay uses, which kubernetes-models
// does not know: CloudNativePG's Cluster (postgresql.cnpg.io/v1) and the RabbitMQ cluster
// operator's RabbitmqCluster (rabbitmq.com/v1beta1). They hold the fields we use, the fields the
// operators require and their types, written from the operators' API references; a field
// outside them is reported, so a typo does not pass. They are not the full CRDs: a field the
// operator accepts but this file does not list is reported too, and is added here when used.
const str = { type: 'string' };
const int = (minimum = 0) => ({ type: 'integer', minimum });
const bool = { type: 'boolean' };
const any = {};
const map = (values = str) => ({ type: 'object', additionalProperties: values });
const obj = (properties, required = []) => ({ type: 'object', properties, required, additionalProperties: false });
const quantity = { type: ['string', 'integer'] };
const resources = obj({ requests: map(quantity), limits: map(quantity), claims: any });
const metadata = obj({ name: str, namespace: str, labels: map(), annotations: map() }, ['name']);

const cnpgStorage = obj({ size: str, storageClass: str, resizeInUseVolumes: bool, pvcTemplate: any }, ['size']);

export const crdSchemas = {
  'postgresql.cnpg.io/v1/Cluster': obj({
    apiVersion: str,
    kind: str,
    metadata,
    spec: obj({
      description: str,
      instances: int(1),
      imageName: str,
      imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] },
      primaryUpdateStrategy: { type: 'string', enum: ['unsupervised', 'supervised'] },
      primaryUpdateMethod: { type: 'string', enum: ['switchover', 'restart'] },
      minSyncReplicas: int(),
      maxSyncReplicas: int(),
      enableSuperuserAccess: bool,
      bootstrap: obj({
        initdb: obj({ database: str, owner: str, secret: obj({ name: str }, ['name']), encoding: str, localeCollate: str, localeCType: str, postInitApplicationSQL: { type: 'array' } }),
        recovery: any,
        pg_basebackup: any,
      }),
      storage: cnpgStorage,
      walStorage: cnpgStorage,
      postgresql: obj({ parameters: map(), pg_hba: { type: 'array' }, shared_preload_libraries: { type: 'array' }, synchronous: any }),
      resources,
      affinity: obj({
        enablePodAntiAffinity: bool,
        topologyKey: str,
        podAntiAffinityType: { type: 'string', enum: ['preferred', 'required'] },
        nodeSelector: map(),
        tolerations: { type: 'array' },
      }),
      backup: any,
      monitoring: any,
      managed: any,
      superuserSecret: obj({ name: str }, ['name']),
    }, ['instances', 'storage']),
  }, ['apiVersion', 'kind', 'metadata', 'spec']),

  'rabbitmq.com/v1beta1/RabbitmqCluster': obj({
    apiVersion: str,
    kind: str,
    metadata,
    spec: obj({
      replicas: int(1),
      image: str,
      imagePullSecrets: { type: 'array' },
      resources,
      persistence: obj({ storage: quantity, storageClassName: str }),
      rabbitmq: obj({ additionalConfig: str, additionalPlugins: { type: 'array' }, advancedConfig: str, envConfig: str, erlangInetConfig: str }),
      affinity: any,
      tolerations: { type: 'array' },
      service: obj({ type: { type: 'string', enum: ['ClusterIP', 'NodePort', 'LoadBalancer'] }, annotations: map(), ipFamilyPolicy: str }),
      override: any,
      tls: any,
      terminationGracePeriodSeconds: int(),
      delayStartSeconds: int(),
      skipPostDeployChecks: bool,
      secretBackend: any,
    }, ['replicas']),
  }, ['apiVersion', 'kind', 'metadata', 'spec']),
};

function typeOf(v) {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}

/** The problems of value against schema, each naming its path. */
export function checkAgainst(schema, value, path = '') {
  const at = path || '(root)';
  const problems = [];
  if (schema.type) {
    const allowed = [schema.type].flat();
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) {
      return [`${at} must be ${allowed.join(' or ')}, is ${actual}`];
    }
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at} must be one of ${schema.enum.join(', ')}`);
  if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at} must be at least ${schema.minimum}`);
  if (schema.type === 'object') {
    for (const r of schema.required ?? []) {
      if (value[r] === undefined) problems.push(`${at} must have ${r}`);
    }
    for (const [k, v] of Object.entries(value)) {
      const sub = schema.properties?.[k];
      if (sub) problems.push(...checkAgainst(sub, v, `${path}.${k}`.replace(/^\./, '')));
      else if (schema.additionalProperties === false) problems.push(`unknown field ${`${path}.${k}`.replace(/^\./, '')}`);
      else if (typeof schema.additionalProperties === 'object') problems.push(...checkAgainst(schema.additionalProperties, v, `${path}.${k}`.replace(/^\./, '')));
    }
  }
  return problems;
}
