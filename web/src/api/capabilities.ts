// Which optional API routes this server has, read once from /v5/openapi.json. Features that other
// parts of Corkboard add later (related pins, client events) are used only once the server lists
// them, so an older server never sees requests it would answer with 404.
const SPEC_PATH = '/v5/openapi.json';

export type Operation = `${'get' | 'post' | 'put' | 'patch' | 'delete'} ${string}`;

/** The operations ("get /v5/pins/{pin_id}/related") a spec document lists. */
export function operationsOf(spec: unknown): Set<Operation> {
  const operations = new Set<Operation>();
  const paths = (spec as { paths?: Record<string, Record<string, unknown>> } | null)?.paths;
  if (!paths || typeof paths !== 'object') return operations;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of Object.keys(item ?? {}))
      operations.add(`${method.toLowerCase()} ${path}` as Operation);
  }
  return operations;
}

let loaded: Promise<Set<Operation>> | undefined;

function load(): Promise<Set<Operation>> {
  loaded ??= fetch(SPEC_PATH, { headers: { accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then(operationsOf)
    .catch(() => new Set<Operation>());
  return loaded;
}

/** Whether the server offers the operation, e.g. supports('get /v5/pins/{pin_id}/related'). */
export async function supports(operation: Operation): Promise<boolean> {
  return (await load()).has(operation);
}
