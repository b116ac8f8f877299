// Validates responses against Pinterest's own API description (test fixture, MIT licence), so
// "wire-compatible" is checked field by field rather than asserted by hand.
import fs from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const SPEC_PATH = new URL('../../test-fixtures/pinterest-api-v5/openapi.json', import.meta.url);

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

type Spec = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

let spec: Spec | undefined;
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

// Two OpenAPI 3.0 habits that JSON Schema validators reject are rewritten before compiling:
// discriminator mappings (they name schemas that are not always subtypes; the composed allOf/oneOf
// is what matters, so they are dropped) and `nullable` beside no `type` (it becomes "or null").
function withoutDiscriminators(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDiscriminators);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([key]) => key !== 'discriminator')
      .map(([key, v]) => [key, withoutDiscriminators(v)] as const);
    const schema = Object.fromEntries(entries) as Record<string, unknown>;
    if (schema.nullable === true && schema.type === undefined) {
      const { nullable: _nullable, ...rest } = schema;
      return { anyOf: [rest, { type: 'null' }] };
    }
    return schema;
  }
  return value;
}

function load(): { spec: Spec; ajv: Ajv } {
  if (!spec || !ajv) {
    spec = JSON.parse(fs.readFileSync(SPEC_PATH, 'utf8')) as Spec;
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
    ajv.addSchema({ $id: 'spec', components: withoutDiscriminators(spec.components) as object });
  }
  return { spec, ajv };
}

function rewriteRefs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/'));
}

/** Throws with the spec's complaints when `body` is not what the spec promises for this response. */
export function assertMatchesSpec(method: string, specPath: string, status: number, body: unknown): void {
  const { spec: s, ajv: validator } = load();
  const operation = s.paths[specPath]?.[method.toLowerCase()];
  if (!operation) throw new Error(`The spec has no ${method} ${specPath}`);
  const response = operation.responses[String(status)] ?? operation.responses.default;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`The spec has no JSON body for ${method} ${specPath} ${status}`);
  const key = `${method} ${specPath} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = validator.compile(withoutDiscriminators(rewriteRefs(schema)) as object);
    compiled.set(key, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `${key} does not match the spec: ${validator.errorsText(validate.errors)}\n${JSON.stringify(body)}`,
    );
  }
}

export function specOperation(
  method: string,
  specPath: string,
): { security?: Record<string, string[]>[] } | undefined {
  return load().spec.paths[specPath]?.[method.toLowerCase()] as
    | { security?: Record<string, string[]>[] }
    | undefined;
}
